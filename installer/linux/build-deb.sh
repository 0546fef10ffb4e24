#!/usr/bin/env bash
# Package a built bundle (dist/ClinicStudio) as dist/clinicstudio_VERSION_ARCH.deb:
# the program in /opt/clinicstudio, `clinicstudio` on PATH, a menu entry and its icon.
# Then unpack the package into a scratch folder and run installer/check-build.sh on it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUNDLE=$(cd "${1:-$ROOT/dist/ClinicStudio}" && pwd)
VERSION=$("$BUNDLE/clinicstudio" --version | awk '{print $2}')
ARCH=$(dpkg --print-architecture)
STAGE=$(mktemp -d /tmp/clinicstudio-deb.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/pkg"

mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/icons/hicolor/256x256/apps" \
  "$PKG/usr/share/doc/clinicstudio"
cp -a "$BUNDLE" "$PKG/opt/clinicstudio"
ln -s /opt/clinicstudio/clinicstudio "$PKG/usr/bin/clinicstudio"
install -m 644 "$ROOT/installer/linux/clinicstudio.desktop" "$PKG/usr/share/applications/"
install -m 644 "$ROOT/installer/clinicstudio.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/"
install -m 644 "$ROOT/installer/clinicstudio-256.png" \
  "$PKG/usr/share/icons/hicolor/256x256/apps/clinicstudio.png"
install -m 644 "$ROOT/LICENSE" "$PKG/usr/share/doc/clinicstudio/copyright"
install -m 644 "$ROOT/THIRD_PARTY_NOTICES.md" "$PKG/usr/share/doc/clinicstudio/"
SIZE=$(du -sk "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: clinicstudio
Version: $VERSION
Architecture: $ARCH
Maintainer: ClinicStudio <support@clinicstudio.app>
Installed-Size: $SIZE
Section: misc
Priority: optional
Depends: libc6 (>= 2.31), libegl1, libgl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0, libdbus-1-3
Recommends: gnome-keyring | kwalletmanager, libnotify-bin
Homepage: https://clinicstudio.app
Description: social media studio for small medical clinics
 Write, check, preview, plan and publish a clinic's social posts for Facebook,
 Instagram, X, LinkedIn, Mastodon and Bluesky. Offline checks for patient
 information, misleading health claims and more run before anything is sent.
CONTROL
cat > "$PKG/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# The menu and icon caches, where the desktop has them.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
POSTINST
chmod 755 "$PKG/DEBIAN/postinst"
mkdir -p "$ROOT/dist"
DEB="$ROOT/dist/clinicstudio_${VERSION}_${ARCH}.deb"
# xz makes the smallest download; DEB_COMPRESSION=gzip is several times faster, and
# DEB_LEVEL=1 faster still (CI).
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" ${DEB_LEVEL:+-z"$DEB_LEVEL"} \
  --build "$PKG" "$DEB" >/dev/null
echo "built $DEB ($(du -h "$DEB" | cut -f1))"

echo "== the package's contents run (unpacked, not installed)"
dpkg-deb --info "$DEB" | grep -E "Package|Version|Depends" | cut -c1-100
UNPACKED="$STAGE/unpacked"
dpkg-deb -x "$DEB" "$UNPACKED"
for path in usr/share/applications/clinicstudio.desktop usr/share/icons/hicolor/scalable/apps/clinicstudio.svg; do
  [ -f "$UNPACKED/$path" ] || { echo "the package lacks /$path" >&2; exit 1; }
done
CHECK_SCOPE=package bash "$ROOT/installer/check-build.sh" "$UNPACKED/opt/clinicstudio/clinicstudio"
