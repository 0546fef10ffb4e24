#!/usr/bin/env bash
# Build the Linux bundle (dist/ClinicStudio, PyInstaller), check every command of it
# (installer/check-build.sh), then package it as a .deb (installer/linux/build-deb.sh).
#   bash installer/linux/build.sh            a build environment of its own (build/bundle-venv)
#   BUNDLE_PYTHON=.venv/bin/python bash installer/linux/build.sh
#                                            an environment that has the [bundle] extra already
# Run on the oldest Linux the clinics use: the bundle needs that glibc or newer.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
started=$SECONDS
PY=${BUNDLE_PYTHON:-}
if [ -z "$PY" ]; then
  "${PYTHON:-python3}" -m venv build/bundle-venv
  build/bundle-venv/bin/python -m pip install -q -c requirements/constraints.txt ".[bundle]"
  PY=build/bundle-venv/bin/python
fi

echo "== picture reading (installer/picture-reading.txt, headless OpenCV)"
# A folder of its own, first on PyInstaller's path, so the build carries the headless OpenCV
# even when the build environment has the GUI build that RapidOCR's own requirements name.
rm -rf build/picture-reading
"$PY" -m pip install -q --no-deps --no-warn-script-location --target build/picture-reading \
  -r installer/picture-reading.txt

echo "== PyInstaller"
rm -rf dist/ClinicStudio
PYTHONPATH="$ROOT/build/picture-reading" \
  "$PY" -m PyInstaller installer/clinicstudio.spec --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller
echo "built dist/ClinicStudio ($(du -sh dist/ClinicStudio | cut -f1)) in $((SECONDS - started)) s"

echo "== check every command of the bundle"
export EXPECT_PICTURES=read  # for the .deb's check too
bash installer/check-build.sh dist/ClinicStudio/clinicstudio

echo "== .deb package"
bash installer/linux/build-deb.sh dist/ClinicStudio
echo "Linux build done in $((SECONDS - started)) s"
