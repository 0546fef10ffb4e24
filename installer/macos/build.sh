#!/usr/bin/env bash
# Build ClinicStudio.app and a disk image on macOS (12 or newer) with Python 3.11+ from
# python.org, from the repository's top folder:  bash installer/macos/build.sh
# Produces dist/ClinicStudio.app (checked command by command) and dist/ClinicStudio.dmg.
# Signing and notarising need the clinic vendor's Apple Developer ID:
#   codesign --deep --options runtime -s "Developer ID Application: ..." dist/ClinicStudio.app
#   xcrun notarytool submit dist/ClinicStudio.dmg --wait ...
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
python3 -m venv build/bundle-venv
build/bundle-venv/bin/python -m pip install -q -c requirements/constraints.txt ".[bundle]"
# Picture reading with the headless OpenCV, first on PyInstaller's path (installer/picture-reading.txt).
rm -rf build/picture-reading
build/bundle-venv/bin/python -m pip install -q --no-deps --target build/picture-reading \
  -r installer/picture-reading.txt
PYTHONPATH="$ROOT/build/picture-reading" \
  build/bundle-venv/bin/python -m PyInstaller installer/clinicstudio.spec --noconfirm \
  --distpath dist --workpath build/pyinstaller
EXPECT_PICTURES=read bash installer/check-build.sh dist/ClinicStudio.app/Contents/MacOS/clinicstudio
hdiutil create -volname ClinicStudio -srcfolder dist/ClinicStudio.app -ov -format UDZO \
  dist/ClinicStudio.dmg
echo "Built dist/ClinicStudio.dmg"
