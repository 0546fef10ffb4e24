#!/usr/bin/env bash
# Open ClinicStudio. The first run installs what it needs into .venv and, on an empty
# database, loads the demo clinic. Extra arguments go to `clinicstudio` (e.g. --db FILE).
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
ensure_debian_packages "${QT_RUNTIME_PACKAGES[@]}"
ensure_venv ""
exec "$VENV/bin/clinicstudio" "$@"
