#!/usr/bin/env bash
# The alert-rule tests run promtool (Prometheus's own rule checker and unit-test runner). A fresh machine
# has none: install Debian's prometheus package, which ships it (never a download by a test tool). Run by
# the build.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
echo "installing Debian's prometheus (for promtool) for the alert-rule tests" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "promtool is missing and this user cannot install packages: apt-get install prometheus" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# the tests use only promtool; on a machine with an init system Debian also enables the prometheus service
# (stop it with: systemctl disable --now prometheus)
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends prometheus; }
command -v promtool >/dev/null
