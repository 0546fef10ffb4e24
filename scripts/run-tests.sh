#!/usr/bin/env bash
# Run the whole test suite as CI does: lint, the Qt-free layering contract, then pytest against
# SQLite and a real PostgreSQL server, with a real Secret Service keyring, widgets offscreen.
# Extra arguments go to pytest (e.g. tests/unit -x).
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
# systemd: only for systemd-analyze, which checks the scheduler's generated timer units.
ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}" xvfb xauth dbus dbus-x11 gnome-keyring \
  postgresql fonts-noto-color-emoji g++ make systemd
# With the bundle tools too, so that CI's installer build after the tests installs nothing.
ensure_venv "[test,bundle]"
ensure_atproto_network
cd "$ROOT"

echo "== ruff"; "$VENV/bin/ruff" check .
echo "== import contracts"; "$VENV/bin/lint-imports" --no-cache

# A throwaway PostgreSQL cluster on 127.0.0.1, stopped when the tests end.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=$(mktemp -d /tmp/clinicstudio-pg.XXXXXX)
PGPORT=${CLINICSTUDIO_PG_PORT:-54329}
pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust >/dev/null
pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c max_connections=250" start >/dev/null
trap 'pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDATA"' EXIT
export CLINICSTUDIO_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
export QT_QPA_PLATFORM=offscreen

echo "== pytest"
# A private D-Bus session with a new, unlocked gnome-keyring: the real Secret Service. It keeps
# its keyrings under $HOME, so it gets an empty home of its own (a keyring left there by an
# earlier run would have another password and stay locked).
KEYRING_HOME=$(mktemp -d /tmp/clinicstudio-keyring.XXXXXX)
trap 'pg "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDATA" "$KEYRING_HOME"' EXIT
status=0
HOME="$KEYRING_HOME" XDG_DATA_HOME="$KEYRING_HOME/.local/share" dbus-run-session -- bash -c '
  echo -n "clinicstudio-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$0" -m pytest "$@"' "$VENV/bin/python" "$@" || status=$?
exit $status
