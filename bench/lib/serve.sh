# bench/lib/serve.sh: what the benchmarks share to run a server and load
# it (bench/influence, bench/report). Sourced after BIN, TMP, CONNS,
# WRK_THREADS, SERVER_THREADS, die() and secs() are set (DB before
# start_server); defines CURL and the cleanup on exit (the server and wrk
# stopped by PID, TMP removed).
SERVER_PID=
WRK_PID=
SERVER_ARGS=()
stop_pid() {
	local pid=$1
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
	stop_pid "$WRK_PID"
	stop_pid "$SERVER_PID"
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

CURL=(curl --noproxy '*' -sS --max-time 10)
# Show what the server wrote on stderr, then stop.
die_server() {
	if [ -s "$TMP/server.err" ]; then
		echo "--- server stderr (last 40 lines of $(wc -l <"$TMP/server.err")):" >&2
		tail -n 40 "$TMP/server.err" >&2
	fi
	die "$@"
}

# Starts the server on DB with SERVER_THREADS (and SERVER_ARGS): sets
# SERVER_PID, PORT, BASE.
start_server() {
	"$BIN" --db "$DB" serve --port 0 --threads "$SERVER_THREADS" --quiet "${SERVER_ARGS[@]}" \
		>"$TMP/server.out" 2>"$TMP/server.err" &
	SERVER_PID=$!
	PORT=
	for _ in $(seq 1 100); do
		PORT=$(sed -n 's|^emptychair: listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$TMP/server.out")
		[ -n "$PORT" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.err" >&2; die "the server exited"; }
		sleep 0.1
	done
	[ -n "$PORT" ] || die "the server did not start listening within 10 s"
	BASE=http://127.0.0.1:$PORT
}

# Signs in as EMAIL with PASSWORD through the form, as a browser does:
# sets COOKIE (the request header).
sign_in() {
	local email=$1 password=$2 csrf code
	JAR=$TMP/cookies-$email
	rm -f "$JAR"  # a new sign-in: no session from an earlier server
	csrf=$("${CURL[@]}" -c "$JAR" -b "$JAR" "$BASE/sign-in" |
	       sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n1)
	[ -n "$csrf" ] || die "no CSRF token on /sign-in"
	code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
		--data-urlencode "csrf=$csrf" --data-urlencode "email=$email" \
		--data-urlencode "password=$password" "$BASE/sign-in")
	[ "$code" = 303 ] || die_server "sign-in answered $code, not 303"
	SESSION=$(awk '$6 == "ec_session" { print $7 }' "$JAR")
	[ -n "$SESSION" ] || die "sign-in set no ec_session cookie"
	COOKIE="Cookie: ec_session=$SESSION"
}

# wrk, its report parsed into "rps p99_ms requests" in $TMP/wrk-NAME.result;
# a non-2xx/3xx answer or a socket error means we are not measuring what we
# think. wrk runs in the background and is waited for, so that a signal
# stops the run at once (the trap) rather than after wrk ends.
run_wrk() { # NAME DURATION URL
	local name=$1 duration=$2 url=$3 out=$TMP/wrk-$1.txt rc=0
	timeout $(( $(secs "$duration") + 30 )) wrk -t"$WRK_THREADS" -c"$CONNS" -d"$duration" \
		--latency -H "$COOKIE" "$url" >"$out" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || rc=$?
	WRK_PID=
	[ "$rc" -eq 0 ] || { cat "$out" >&2; die_server "wrk failed ($name)"; }
	if grep -q -e 'Non-2xx or 3xx' -e 'Socket errors' "$out"; then
		cat "$out" >&2
		die_server "errors under load ($name)"
	fi
	awk '
		function ms(v) {
			if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
			if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
			if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
			if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
			return v + 0
		}
		$1 == "99%" { p99 = ms($2) }
		$1 == "Requests/sec:" { rps = $2 }
		$2 == "requests" && $3 == "in" { n = $1 }
		END {
			if (rps == "" || p99 == "" || n == "") exit 1
			printf "%.0f %.2f %d\n", rps, p99, n
		}' "$out" >"$TMP/wrk-$name.result" || { cat "$out" >&2; die "cannot read wrk output ($name)"; }
}
# CPU time (user + system, clock ticks) of the server, all its threads.
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$SERVER_PID/stat"; }
TICKS=$(getconf CLK_TCK)
us_per_req() { awk -v t="$1" -v n="$2" -v hz="$TICKS" 'BEGIN { printf "%.0f", (n > 0) ? t * 1e6 / hz / n : 0 }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "ok" : "MISSED" }'; }
