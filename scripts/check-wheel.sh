#!/usr/bin/env bash
# Build the sdist and the wheel (python -m build), install the wheel into a new virtual
# environment outside the checkout, and run every command of it (installer/check-build.sh).
# Proves the packages carry the shipped data, the migrations and the entry points.
# Usage: bash scripts/check-wheel.sh   (PYTHON=python3.12 to use another Python)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d /tmp/clinicstudio-wheel.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
PY=${PYTHON:-python3}

echo "== python -m build (sdist, then the wheel from the sdist)"
"$PY" -m venv "$WORK/build-venv"
"$WORK/build-venv/bin/python" -m pip install -q -c "$ROOT/requirements/constraints.txt" build
# The build's own environment gets the pinned setuptools too.
PIP_CONSTRAINT="$ROOT/requirements/constraints.txt" \
  "$WORK/build-venv/bin/python" -m build --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 || {
  cat "$WORK/build.log" >&2; exit 1; }
ls -l "$WORK/dist"
WHEEL=$(ls "$WORK"/dist/clinicstudio-*.whl)

echo "== install the wheel into a new virtual environment"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q -c "$ROOT/requirements/constraints.txt" \
  "$WHEEL[postgres]"
[ -x "$WORK/venv/bin/clinicstudio-gui" ] || { echo "the wheel has no clinicstudio-gui" >&2; exit 1; }

# --help of every command is checked on the bundle (installer/linux/build.sh).
CHECK_SCOPE=package bash "$ROOT/installer/check-build.sh" "$WORK/venv/bin/clinicstudio"
