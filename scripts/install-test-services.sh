#!/usr/bin/env bash
# Installs the Debian packages the full test suite talks to. Needs root (CI runs as root).
set -euo pipefail
PACKAGES=(mosquitto-clients mosquitto chromium fonts-wqy-microhei victoria-metrics postgresql python3-jsonschema)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then echo "all test services installed: ${PACKAGES[*]}"; exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
