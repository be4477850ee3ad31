#!/usr/bin/env bash
# Builds the Debian package and installs it into a clean minbase Debian 12
# chroot (debootstrap), then runs `changegate --version`, checks the man page
# and runs the orders_v2 example there: proves the package's dependencies are
# complete on a machine that has nothing else. Runs in .ci/run, outside ctest
# (it takes minutes). Usage: deb_chroot_test.sh BUILD_DIR (as root; needs
# debootstrap and dpkg-dev, both in .ci/install-deps.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-build}" && pwd)
work=$(mktemp -d /tmp/changegate-deb.XXXXXX)
chroot_dir=$work/rootfs
cleanup() {
  umount -l "$chroot_dir/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/deb" >"$work/cpack.log") || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/deb/changegate_*.deb)
dpkg-deb --field "$deb" Depends
dpkg-deb --contents "$deb" | awk '{print $6}' |
  grep -E 'bin/changegate$|man1/changegate\.1|completions/changegate$|/_changegate$|templates/report\.html\.mustache$' |
  sort | tee "$work/contents"
[ "$(wc -l <"$work/contents")" -eq 5 ] || { echo "FAIL: the package lacks a file above"; exit 1; }

echo "== debootstrap --variant=minbase bookworm"
mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
  awk '$2 ~ /\/debian\/?$/ {print $2; exit}' || true)
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list \
    2>/dev/null || true)
fi
debootstrap --variant=minbase bookworm "$chroot_dir" "${mirror:-http://deb.debian.org/debian}" \
  >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$chroot_dir/proc"

echo "== apt-get install ./changegate.deb (its dependencies from Debian only)"
cp "$deb" "$chroot_dir/tmp/changegate.deb"
chroot "$chroot_dir" apt-get update -q >"$work/update.log" 2>&1 || { cat "$work/update.log"; exit 1; }
chroot "$chroot_dir" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends /tmp/changegate.deb >"$work/install.log" 2>&1 ||
  { tail -20 "$work/install.log"; exit 1; }

echo "== changegate --version in the chroot"
chroot "$chroot_dir" changegate --version
chroot "$chroot_dir" test -s /usr/share/man/man1/changegate.1

echo "== the orders_v2 example in the chroot"
# The example builds its scenario repository with the git CLI: the example's
# need, not the package's.
chroot "$chroot_dir" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends git >"$work/git.log" 2>&1 ||
  { tail -20 "$work/git.log"; exit 1; }
mkdir -p "$chroot_dir/opt/examples"
cp -R "$root/examples/orders_v2" "$chroot_dir/opt/examples/"
chroot "$chroot_dir" /opt/examples/orders_v2/run.sh /usr/bin/changegate
echo "PASS: the .deb installs and runs on a minbase Debian 12"
