#!/usr/bin/env bash
# Re-pin requirements/constraints.txt: install ClinicStudio with every extra into a new virtual
# environment, taking the newest versions pyproject.toml allows, and write down what came.
# Run the tests afterwards (bash scripts/run-tests.sh) and commit the file if they pass.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/clinicstudio-pins.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"${PYTHON:-python3}" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --upgrade pip setuptools
"$WORK/venv/bin/python" -m pip install -q "$ROOT[test,postgres,bundle]"
OUT="$ROOT/requirements/constraints.txt"
{
  sed -n '/^#/p;/^[^#]/q' "$OUT"
  "$WORK/venv/bin/python" -m pip freeze --exclude clinicstudio
  "$WORK/venv/bin/python" -m pip freeze --all | grep -i '^setuptools=='
} > "$OUT.new"
mv "$OUT.new" "$OUT"
echo "Pinned $(grep -vc '^#' "$OUT") packages in $OUT"
