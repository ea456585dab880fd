#!/usr/bin/env bash
# The Debian package (debian/), built from a clean copy of the tracked
# sources with dpkg-buildpackage: lintian finds no error; it holds the
# program, a manual page for it and for each command and for its settings
# file, the settings file, the systemd units, the translations and the
# nginx example; its units verify (their manual page found in the package)
# and its service's exposure is at most 2.0; and unpacked into a throwaway
# root (no systemd needed), the packaged program starts with the packaged
# settings file and answers /healthz.
#
#   tests/packaging/check-package.sh SOURCE_DIR
# Exits 77 (skipped) only when dpkg-buildpackage is not installed:
# scripts/deps.sh test installs it, so the test command never skips it.
set -euo pipefail
src=${1:?usage: check-package.sh SOURCE_DIR}
for tool in dpkg-buildpackage lintian systemd-analyze curl; do
	command -v "$tool" >/dev/null || {
		echo "check-package: $tool is not installed (scripts/deps.sh test installs it)"
		[ "$tool" = dpkg-buildpackage ] && exit 77
		exit 1
	}
done
work=$(mktemp -d /tmp/ec-package.XXXXXX)
pid=
cleanup() {
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "check-package: $*" >&2; exit 1; }

# A clean copy: what git tracks, as a fresh clone would have it.
mkdir "$work/emptychair"
(cd "$src" && git ls-files -z) | (cd "$src" && tar --null -cf - -T -) | tar -xf - -C "$work/emptychair"
(cd "$work/emptychair" && dpkg-buildpackage -b -us -uc) >"$work/build.log" 2>&1 ||
	{ tail -40 "$work/build.log"; fail "dpkg-buildpackage failed"; }
deb=$(ls "$work"/emptychair_*_*.deb)
echo "check-package: built $(basename "$deb")"

lintian --fail-on error "$deb" >"$work/lintian.log" 2>&1 ||
	{ cat "$work/lintian.log"; fail "lintian found errors"; }
echo "check-package: lintian: no errors ($(grep -c '^W:' "$work/lintian.log" || true) warnings)"

dpkg -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$work/contents"
want=(/usr/bin/emptychair /etc/emptychair/emptychair.conf
      /lib/systemd/system/emptychair.service /lib/systemd/system/emptychair-backup.timer
      /lib/systemd/system/emptychair-check.timer
      /usr/share/man/man1/emptychair.1.gz /usr/share/man/man5/emptychair.conf.5.gz
      /usr/share/doc/emptychair/examples/nginx-emptychair.conf
      /usr/share/doc/emptychair/examples/emptychair.socket
      /usr/share/doc/emptychair/operations.md.gz /usr/share/locale/cy/LC_MESSAGES/emptychair.mo)
for cmd in serve setup init migrate demo user backup copy check outbox select; do
	want+=("/usr/share/man/man1/emptychair-$cmd.1.gz")
done
for f in "${want[@]}"; do grep -qx "$f" "$work/contents" || fail "the package lacks $f"; done
echo "check-package: $(wc -l <"$work/contents") paths, among them every one looked for (${#want[@]})"

root=$work/root
dpkg -x "$deb" "$root"
mkdir "$work/units"
for u in "$root"/lib/systemd/system/*; do
	sed "s|/usr/bin/emptychair|$root/usr/bin/emptychair|g" "$u" >"$work/units/$(basename "$u")"
done
for u in "$work"/units/*; do
	out=$(MANPATH="$root/usr/share/man" systemd-analyze verify "$u" 2>&1) && [ -z "$out" ] ||
		{ echo "$out"; fail "$(basename "$u") does not verify"; }
done
score=$(systemd-analyze security --offline=yes "$work/units/emptychair.service" 2>&1 |
        sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }' || fail "the service's exposure is ${score:-unknown}"
echo "check-package: the units verify; emptychair.service's exposure is $score"

# The packaged program, the packaged settings (the database moved, by the
# environment, which wins over the file, to a place this test may write).
mkdir -m 700 "$work/state"
EMPTYCHAIR_DB="$work/state/emptychair.db" EMPTYCHAIR_PWHASH=minimum \
	"$root/usr/bin/emptychair" --config "$root/etc/emptychair/emptychair.conf" serve --port 0 \
	--locale-dir "$root/usr/share/locale" >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
port=
for _ in $(seq 1 100); do
	port=$(sed -n 's|^emptychair: listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$work/serve.out")
	[ -n "$port" ] && break
	kill -0 "$pid" 2>/dev/null || { cat "$work/serve.err"; fail "the packaged program exited"; }
	sleep 0.1
done
[ -n "$port" ] || fail "the packaged program did not listen within 10 s"
health=$(curl --noproxy '*' -sS --max-time 10 "http://127.0.0.1:$port/healthz")
[ "$health" = ok ] || fail "/healthz said: $health"
echo "check-package: the packaged program answers /healthz: $health"
kill "$pid"
wait "$pid" || fail "the packaged program did not stop cleanly on SIGTERM"
pid=
