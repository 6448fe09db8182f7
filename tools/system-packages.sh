#!/usr/bin/env bash
# Debian packages docgen's PDF builder needs: Pango for WeasyPrint's text layout, and
# HarfBuzz's subsetter, which makes font subsetting ~3x faster than the fontTools fallback;
# and fontconfig with one font family installed, without which WeasyPrint refuses to start
# (the papers themselves use the Liberation Sans files shipped in docgen/fonts);
# and LibreOffice Writer without its GUI, with which the tests lay out every Word paper
# to compare its pages with the PDF's.
# Installs only what is missing; without root or apt it says what to install and stops.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 fontconfig fonts-liberation2 shared-mime-info
  libreoffice-writer-nogui)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "docgen needs these Debian packages for PDF output and its tests: ${missing[*]}" >&2
  echo "install them (e.g. sudo apt-get install ${missing[*]}) and run make again" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
