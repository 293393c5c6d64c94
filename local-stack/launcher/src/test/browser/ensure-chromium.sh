#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through its ChromeDriver. A fresh machine has neither:
# install them from Debian's packages (never a browser download by a test tool). Run by the build.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
echo "installing Debian's chromium and chromium-driver for the browser tests" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "chromium is missing and this user cannot install packages: apt-get install chromium chromium-driver" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver; }
command -v chromium >/dev/null && command -v chromedriver >/dev/null
