#!/usr/bin/env bash
# Fails when a page file (*_page.c) or an API file (*_api.c) of the web
# layer defines a function other files may call besides its route handlers:
# what pages share lives in a ui file (web/ui/, web/<domain>/*_ui.c), so
# that page files never call one another (docs/architecture.md, "Layout").
# Usage: check-web-layout.sh WEB_DIR
set -euo pipefail
web=${1:?usage: check-web-layout.sh WEB_DIR}
handlers="$web/http/handlers.h"
[ -f "$handlers" ] || { echo "check-web-layout: no $handlers" >&2; exit 2; }
declared=$(grep -oE '^void [a-z_0-9]+\(struct request \*req\);' "$handlers" | sed -E 's/^void ([a-z_0-9]+)\(.*/\1/')
[ -n "$declared" ] || { echo "check-web-layout: no handlers declared in $handlers" >&2; exit 2; }
bad=()
shopt -s nullglob
for f in "$web"/*/*_page.c "$web"/*/*_api.c; do
  # Definitions at the start of a line that are not static.
  while read -r fn; do
    grep -qx -- "$fn" <<<"$declared" || bad+=("$f: $fn")
  done < <(grep -E '^[a-z][a-z_ 0-9]*[ *]+[a-z_0-9]+\(' "$f" | grep -vE '^static|;$' |
           sed -E 's/^[a-z][a-z_ 0-9]*[ *]+([a-z_0-9]+)\(.*/\1/')
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-web-layout: page files export more than their route handlers (move shared code to a *_ui.c):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "check-web-layout: every page and API file exports only its route handlers"
