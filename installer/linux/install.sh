#!/usr/bin/env bash
# Install ClinicStudio for the current user on Linux: a virtual environment under
# ~/.local/share/ClinicStudio/app, the `clinicstudio` command in ~/.local/bin, and a menu entry.
# (For a clinic's computers the .deb from installer/linux/build.sh is the simpler way.)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP="${XDG_DATA_HOME:-$HOME/.local/share}/ClinicStudio/app"
python3 -m venv "$APP"
"$APP/bin/python" -m pip install -q --upgrade pip
"$APP/bin/python" -m pip install -q -c "$ROOT/requirements/constraints.txt" "$ROOT[postgres]"
mkdir -p "$HOME/.local/bin" "${XDG_DATA_HOME:-$HOME/.local/share}/applications" \
  "${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
ln -sf "$APP/bin/clinicstudio" "$HOME/.local/bin/clinicstudio"
install -m 644 "$ROOT/installer/linux/clinicstudio.desktop" \
  "${XDG_DATA_HOME:-$HOME/.local/share}/applications/clinicstudio.desktop"
install -m 644 "$ROOT/installer/clinicstudio.svg" \
  "${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps/clinicstudio.svg"
QT_QPA_PLATFORM=offscreen "$APP/bin/clinicstudio" self-test
echo "ClinicStudio is installed. Open it from your applications menu or run: clinicstudio"
