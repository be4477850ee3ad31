#!/usr/bin/env bash
# Installs everything the build, the tests, the examples and the benchmarks
# call, from Debian 12's packages. Run as root (or through sudo).
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  g++ cmake ninja-build pkg-config git ca-certificates \
  libcli11-dev libgit2-dev libcurl4-openssl-dev nlohmann-json3-dev libtoml11-dev catch2 \
  libexpat1-dev libsqlite3-dev libpq-dev libkainjow-mustache-dev libssl-dev \
  rapidjson-dev jq help2man file dpkg-dev debootstrap openssl openssh-client \
  python3 python3-jsonschema prometheus postgresql \
  ${CHANGEGATE_EXTRA_PACKAGES:-}
