#!/usr/bin/env bash
# The systemd units in packaging/systemd: each one verified by
# `systemd-analyze verify`, and each service's exposure under
# `systemd-analyze security --offline=yes` at most 2.0 ("OK"). The units
# name /usr/bin/emptychair; here they are checked against the program just
# built (and, until the package installs it, without the manual page).
#
#   tests/packaging/check-units.sh PROGRAM SOURCE_DIR
set -euo pipefail
prog=${1:?usage: check-units.sh PROGRAM SOURCE_DIR}
src=${2:?usage: check-units.sh PROGRAM SOURCE_DIR}
command -v systemd-analyze >/dev/null ||
	{ echo "check-units: systemd-analyze is not installed (scripts/deps.sh test installs systemd)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
units=("$src"/packaging/systemd/*)
[ ${#units[@]} -gt 0 ] || { echo "check-units: no units in $src/packaging/systemd" >&2; exit 1; }
for u in "${units[@]}"; do
	sed "s|/usr/bin/emptychair|$prog|g" "$u" >"$work/$(basename "$u")"
done
fail=0
for u in "$work"/*; do
	name=$(basename "$u")
	if ! out=$(systemd-analyze verify --man=no "$u" 2>&1) || [ -n "$out" ]; then
		echo "check-units: $name does not verify:"; echo "$out"; fail=1
		continue
	fi
	echo "check-units: $name verifies"
	case $name in
	*.service)
		score=$(systemd-analyze security --offline=yes "$u" 2>&1 |
		        sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
		[ -n "$score" ] || { echo "check-units: no exposure level for $name"; fail=1; continue; }
		if awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'; then
			echo "check-units: $name exposure $score (at most 2.0)"
		else
			echo "check-units: $name exposure $score, above 2.0"; fail=1
		fi ;;
	esac
done
exit $fail
