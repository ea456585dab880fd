#!/usr/bin/env bash
# Fails when the program given links a libc function that keeps shared
# state between calls, which races between the server's worker threads
# (docs/architecture.md, "Threads"); each has a reentrant form or a replacement:
#   strtok -> strtok_r     localtime/gmtime -> civil_time.h, *_r
#   strerror -> %m         rand/random -> randombytes_buf (libsodium)
# Usage: check-reentrant.sh PROGRAM
set -euo pipefail
prog=${1:?usage: check-reentrant.sh PROGRAM}
banned='strtok asctime ctime localtime gmtime rand random srand srandom
        drand48 erand48 lrand48 nrand48 mrand48 jrand48
        strerror strsignal getpwnam getpwuid getpwent getgrnam getgrgid getgrent
        gethostbyname gethostbyname2 gethostbyaddr getservbyname getprotobyname
        inet_ntoa tmpnam ttyname getlogin ptsname ecvt fcvt l64a crypt getdate
        readdir wctomb mbtowc mblen setkey encrypt'
imports=$(nm -D --undefined-only "$prog" | awk '{print $2}' | sed 's/@.*//')
[ -n "$imports" ] || { echo "check-reentrant: $prog imports nothing: not a program?" >&2; exit 2; }
found=()
for f in $banned; do
  grep -qx -- "$f" <<<"$imports" && found+=("$f")
done
if [ ${#found[@]} -gt 0 ]; then
  echo "check-reentrant: $prog links non-reentrant libc functions: ${found[*]}" >&2
  exit 1
fi
echo "check-reentrant: $prog links none of the non-reentrant libc functions"
