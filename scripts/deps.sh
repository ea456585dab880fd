#!/usr/bin/env bash
# Installs what emptychair needs on Debian 12, only what is missing.
#   scripts/deps.sh          build and run
#   scripts/deps.sh test     also what the test suite needs
#   scripts/deps.sh bench    also what the benchmarks need
set -euo pipefail

run=(build-essential meson ninja-build pkg-config
     libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
     libcrack2-dev cracklib-runtime tzdata sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev libzip-dev
     libmimalloc-dev libcurl4-openssl-dev)
test=(libcmocka-dev libtidy-dev python3-aiosmtpd openssl clang libclang-rt-14-dev postgresql
      chromium nodejs npm curl)
bench=(wrk nginx-light curl postgresql)

want=("${run[@]}")
for extra in "$@"; do
  case "$extra" in
    test) want+=("${test[@]}") ;;
    bench) want+=("${bench[@]}") ;;
    *) echo "deps.sh: unknown set '$extra' (test, bench)" >&2; exit 2 ;;
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
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: run as root, or install sudo, to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
