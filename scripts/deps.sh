#!/usr/bin/env bash
# Installs what emptychair needs on Debian 12, only what is missing.
#   scripts/deps.sh          build and run
#   scripts/deps.sh test     also what the test suite needs
#   scripts/deps.sh bench    also what the benchmarks need
#   scripts/deps.sh deb      also what building the Debian package needs
set -euo pipefail

run=(build-essential meson ninja-build pkg-config
     libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
     libcrack2-dev cracklib-runtime tzdata sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev libzip-dev
     libmimalloc-dev libcurl4-openssl-dev gettext locales libglpk-dev)
test=(libcmocka-dev libtidy-dev python3-aiosmtpd python3-prometheus-client openssl clang libclang-rt-14-dev postgresql
      chromium nodejs npm curl systemd debhelper lintian scdoc dpkg-dev fakeroot)
bench=(wrk nginx-light curl postgresql python3)
deb=(debhelper lintian scdoc dpkg-dev fakeroot)

want=("${run[@]}")
for extra in "$@"; do
  case "$extra" in
    test) want+=("${test[@]}") ;;
    bench) want+=("${bench[@]}") ;;
    deb) want+=("${deb[@]}") ;;
    *) echo "deps.sh: unknown set '$extra' (test, bench, deb)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Node from another source (e.g. nodesource) counts if it is new enough for
# the browser tests (18, as Debian 12 ships; tests/browser/package.json).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if command -v npm >/dev/null && [ "$node_major" -ge 18 ]; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
need_root() {
  [ -z "$sudo" ] || command -v sudo >/dev/null ||
    { echo "deps.sh: run as root, or install sudo, to $1" >&2; exit 1; }
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  need_root "install: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The languages of the interface (po/LINGUAS): glibc translates only into a
# language whose locale exists, so each is generated once.
locales=(en_GB.UTF-8 cy_GB.UTF-8 pl_PL.UTF-8 ro_RO.UTF-8 ar_EG.UTF-8 ur_PK.UTF-8)
have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z')
absent=()
for l in "${locales[@]}"; do
  short=$(echo "${l%.UTF-8}.utf8" | tr 'A-Z' 'a-z')
  grep -qx "$short" <<<"$have" || absent+=("$l")
done
if [ ${#absent[@]} -gt 0 ]; then
  echo "Generating locales: ${absent[*]}"
  need_root "generate locales: ${absent[*]}"
  for l in "${absent[@]}"; do
    grep -qx "$l UTF-8" /etc/locale.gen 2>/dev/null || echo "$l UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
  done
  $sudo locale-gen >/dev/null
fi
