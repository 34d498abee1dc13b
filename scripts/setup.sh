#!/usr/bin/env bash
# Install the system libraries the Spanmark window needs at run time on
# Debian/Ubuntu (X11/Wayland keyboard and cursor libraries, OpenGL via Mesa).
# Building and `cargo test` need none of them; the window does, and the image
# snapshot tests (`--features snapshots`) draw with Mesa's software Vulkan
# (mesa-vulkan-drivers) where there is no GPU. Fonts for every script news
# comes in: Noto (Arabic, Hebrew, Devanagari, Thai, …), Noto CJK, and Symbola
# (outline emoji that egui can draw; colour emoji fonts are bitmaps it cannot).
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libgl1 libegl1 libgl1-mesa-dri libwayland-client0 libwayland-egl1 libvulkan1 mesa-vulkan-drivers
    fonts-noto-core fonts-noto-cjk fonts-symbola)

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: no apt-get here; install the equivalents of: ${packages[*]}" >&2
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: system libraries already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
