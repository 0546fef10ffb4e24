#!/usr/bin/env bash
# Build ClinicStudio.app and a disk image on macOS. Needs Python 3.11+ from python.org.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
python3 -m venv build/venv
build/venv/bin/pip install -q ".[postgres]" pyinstaller
build/venv/bin/pyinstaller installer/clinicstudio.spec --noconfirm
QT_QPA_PLATFORM=offscreen dist/ClinicStudio.app/Contents/MacOS/clinicstudio self-test
hdiutil create -volname ClinicStudio -srcfolder dist/ClinicStudio.app -ov -format UDZO \
  dist/ClinicStudio.dmg
echo "Built dist/ClinicStudio.dmg"
