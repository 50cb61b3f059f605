#!/usr/bin/env bash
# Installs the Debian packages the test gate needs, only those that are missing:
#   chromium        end-to-end tests (playwright-core drives /usr/bin/chromium)
#   fonts-noto-cjk  Chinese glyphs in Chromium screenshots (boxes without it)
#   postgresql      server binaries for scripts/with-postgres.mjs (/usr/lib/postgresql/<ver>/bin)
# Idempotent: a second run changes nothing and does not touch the network.
# Runs as root (CI); otherwise through sudo when available.
set -euo pipefail

packages=(chromium fonts-noto-cjk postgresql)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${packages[@]}"; do
  if ! is_installed "$pkg"; then missing+=("$pkg"); fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-system-deps: already installed: ${packages[*]}"
else
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo -n)
    else
      echo "install-system-deps: missing ${missing[*]} and not root (no sudo); install them as root" >&2
      exit 1
    fi
  fi
  echo "install-system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Wait for a dpkg lock held by another apt run instead of failing at once.
  apt_opts=(-q -o DPkg::Lock::Timeout=600)
  "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update
  "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
fi

# What the scripts rely on, checked after install.
status=0
if [ ! -x /usr/bin/chromium ]; then
  echo "install-system-deps: /usr/bin/chromium not found after install" >&2
  status=1
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  echo "install-system-deps: no /usr/lib/postgresql/<version>/bin/initdb after install" >&2
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "install-system-deps: $(/usr/bin/chromium --version 2>/dev/null || echo chromium); $(ls -d /usr/lib/postgresql/*/bin/initdb | head -n1)"
fi
exit "$status"
