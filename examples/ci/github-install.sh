#!/usr/bin/env bash
# The action's install step: a given .deb, else a build from the action's
# own source (Debian/Ubuntu runner, apt). Puts changegate on PATH.
set -euo pipefail
sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if command -v changegate >/dev/null 2>&1; then
  changegate --version
  exit 0
fi
if [ -n "${CHANGEGATE_DEB:-}" ]; then
  sudo_ apt-get install -y -q "$(realpath "$CHANGEGATE_DEB")"
else
  src=${CHANGEGATE_ACTION_DIR:?}
  sudo_ "$src/.ci/install-deps.sh"
  cmake -S "$src" -B "$RUNNER_TEMP/changegate-build" -G Ninja -DCHANGEGATE_TESTS=OFF
  cmake --build "$RUNNER_TEMP/changegate-build" --target changegate
  sudo_ install -m 755 "$RUNNER_TEMP/changegate-build/changegate" /usr/local/bin/changegate
fi
changegate --version
