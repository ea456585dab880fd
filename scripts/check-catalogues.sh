#!/usr/bin/env bash
# Fails when a language's catalogue is incomplete: a string marked in the
# sources (po/POTFILES) that it lacks, or one untranslated or fuzzy
# (docs/translating.md). Each catalogue must also say whether a fluent
# speaker has reviewed it ("# Review:" in its header).
# Usage: check-catalogues.sh SOURCE_ROOT PO_DIR
set -euo pipefail
root=${1:?usage: check-catalogues.sh SOURCE_ROOT PO_DIR}
po=${2:?usage: check-catalogues.sh SOURCE_ROOT PO_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2 \
  -f po/POTFILES -o "$work/all.pot")
sed -i 's/charset=CHARSET/charset=UTF-8/' "$work/all.pot"
strings=$(grep -c '^msgid ' "$work/all.pot")
failed=0
for code in $(cat "$po/LINGUAS"); do
  file="$po/$code.po"
  if [ ! -f "$file" ]; then echo "check-catalogues: $code: no $file" >&2; failed=1; continue; fi
  grep -q '^# Review: ' "$file" || { echo "check-catalogues: $code: no '# Review:' line" >&2; failed=1; }
  # Every string of the sources is in the catalogue (msgcmp fails otherwise).
  if ! msgcmp --use-untranslated "$file" "$work/all.pot" 2>"$work/cmp"; then
    echo "check-catalogues: $code lacks strings:" >&2; sed 's/^/  /' "$work/cmp" >&2; failed=1
  fi
  # ...each translated, none fuzzy.
  stats=$(msgfmt --check --statistics -o /dev/null "$file" 2>&1)
  if grep -qE 'untranslated|fuzzy' <<<"$stats"; then
    echo "check-catalogues: $code: $stats" >&2; failed=1
  fi
done
[ $failed -eq 0 ] || exit 1
echo "check-catalogues: $(wc -w < "$po/LINGUAS") languages, each with all $((strings - 1)) strings"
