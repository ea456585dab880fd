#!/usr/bin/env bash
# Fails when the web layer calls a store operation that changes data.
# Every write is a use case in app/, called by both the page and the JSON
# API, so that its rules (permissions, checks, transactions, audit) are
# written once (docs/architecture.md, "One door per rule"). The operations
# that write are those marked STORE_WRITES in the store header.
# Usage: check-web-writes.sh STORE_HEADER WEB_DIR
set -euo pipefail
header=${1:?usage: check-web-writes.sh STORE_HEADER WEB_DIR}
web=${2:?usage: check-web-writes.sh STORE_HEADER WEB_DIR}
# The name declared on the line after each marker.
writes=$(awk 'marked && match($0, /store_[a-z0-9_]+\(/) {
                print substr($0, RSTART, RLENGTH - 1); marked = 0; next }
              /^STORE_WRITES$/ { marked = 1 }' "$header")
[ -n "$writes" ] || { echo "check-web-writes: no STORE_WRITES marks in $header" >&2; exit 2; }
pattern=$(tr '\n' '|' <<<"$writes" | sed 's/|$//')
if hits=$(grep -rnE --include='*.c' --include='*.h' "\\b($pattern)\\(" "$web"); then
  echo "check-web-writes: the web layer changes data without a use case in app/:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check-web-writes: $(wc -l <<<"$writes") writing store operations; none is called from $web"
