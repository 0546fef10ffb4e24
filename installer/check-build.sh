#!/usr/bin/env bash
# Run every command of a built ClinicStudio against scratch data, before anything is packaged.
#   installer/check-build.sh dist/ClinicStudio/clinicstudio     (a PyInstaller folder)
#   installer/check-build.sh /tmp/venv/bin/clinicstudio         (an installed wheel)
# It runs `--help` of each command the program lists, `self-test` (the window, offscreen),
# `demo` and `publish-due` on a new database, `check` on a clean and a blocked sample,
# `check --image` on two photos (EXPECT_PICTURES=read: a label with a name and date of birth is
# blocked at its place, opening hours pass; otherwise the label gets the "not read on this
# computer" note), and the scheduler's unit generation; it never touches the clinic's own data or this machine's
# scheduler. Exit 0 when all pass, 1 naming the first that did not.
set -euo pipefail
CLI=${1:?usage: installer/check-build.sh PATH/TO/clinicstudio}
[ -x "$CLI" ] || { echo "check-build: $CLI is not an executable program" >&2; exit 2; }
CLI=$(cd "$(dirname "$CLI")" && pwd)/$(basename "$CLI")
SAMPLES=$(cd "$(dirname "${BASH_SOURCE[0]}")/samples" && pwd)
# The installers' builds read pictures; the wheel without its `photos` extra says it does not.
PICTURES=${EXPECT_PICTURES:-unread}

SCRATCH=$(mktemp -d /tmp/clinicstudio-check.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
# Run from an empty folder with no source tree around, so the build must carry what it needs;
# every data folder points into the scratch folder.
cd "$SCRATCH"
export HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/config" XDG_DATA_HOME="$SCRATCH/data" \
  XDG_STATE_HOME="$SCRATCH/state" XDG_CACHE_HOME="$SCRATCH/cache" \
  CLINICSTUDIO_DB="$SCRATCH/check.db" QT_QPA_PLATFORM=offscreen PYTHONPATH=
mkdir -p "$HOME"
step() { printf '== %s\n' "$*"; }
fail() { echo "check-build: FAILED: $*" >&2; exit 1; }

step "version"
"$CLI" --version || fail "--version"

step "--help of every command"
COMMANDS=$("$CLI" --help | awk '/^commands:/ {f=1; next} f && /^    [a-z]/ {print $1}')
[ -n "$COMMANDS" ] || fail "the program lists no commands"
# CHECK_SCOPE=package (the wheel and the .deb, which CI checks beside the bundle it checks in
# full): the same code, so --help of the commands the rest of this script runs is enough;
# --help of each of the thirty-odd commands takes about 20 s.
if [ "${CHECK_SCOPE:-full}" = package ]; then
  HELPED=$(grep -xE 'demo|check|self-test|publish-due|scheduler|backup|restore|export' <<<"$COMMANDS")
else
  HELPED=$COMMANDS
fi
for name in $HELPED; do
  "$CLI" "$name" --help >/dev/null || fail "$name --help"
  echo "ok   $name --help"
done
for needed in demo check self-test publish-due scheduler backup restore export; do
  grep -qx "$needed" <<<"$COMMANDS" || fail "command $needed is missing from the build"
done

step "self-test"
"$CLI" self-test || fail "self-test"

step "demo on a scratch database"
"$CLI" demo || fail "demo"

step "publish-due on the scratch database"
"$CLI" publish-due || fail "publish-due"

step "check on samples"
echo "Flu shots are here! Walk in any weekday morning at our clinic." > clean.txt
"$CLI" check clean.txt >/dev/null || fail "check of a clean post"
echo "Great to see John Smith, age 54, recovering from his knee surgery today!" > phi.txt
status=0; "$CLI" check phi.txt >/dev/null || status=$?
[ "$status" = 1 ] || fail "check did not block a post naming a patient (exit $status)"
echo "ok   a clean post passes, a post naming a patient is blocked"

step "check --image ($PICTURES)"
status=0; label=$("$CLI" check --image "$SAMPLES/label.jpg" --json) || status=$?
if [ "$PICTURES" = read ]; then
  [ "$status" = 1 ] || fail "check --image did not block a label with a name and birth date (exit $status)"
  grep -q '"region": {"image": 0, "box": \[' <<<"$label" || fail "check --image gave no region"
  grep -q PHI-023 <<<"$label" && fail "this build does not read pictures"
  "$CLI" check --image "$SAMPLES/hours.jpg" >/dev/null || fail "check --image blocked opening hours"
  echo "ok   a label with a name is blocked at its place, opening hours pass"
else
  [ "$status" = 0 ] && grep -q PHI-023 <<<"$label" || fail "check --image without picture reading"
  echo "ok   pictures are not read here, and the check says so"
fi

step "backup, restore and export of the scratch database"
"$CLI" backup "$SCRATCH/clinic-backup.zip" || fail "backup"
"$CLI" restore "$SCRATCH/clinic-backup.zip" --db "$SCRATCH/restored.db" || fail "restore"
"$CLI" export --csv "$SCRATCH/export" >/dev/null || fail "export"
[ -s "$SCRATCH/export/posts.csv" ] || fail "export wrote no posts.csv"

step "scheduler units (written to a scratch folder, not installed)"
"$CLI" scheduler show >/dev/null || fail "scheduler show"

echo "check-build: every command of $CLI works"
