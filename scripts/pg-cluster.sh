#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, on 127.0.0.1.
#
#   scripts/pg-cluster.sh start DIR   make a cluster in DIR (which must not
#                                     exist), start it on a free port, and
#                                     print its admin URI on stdout:
#                                     postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh stop DIR    stop it (by the PID in DIR) and remove DIR
#
# Made for speed, not durability: fsync and full-page writes are off, which
# is right for data thrown away at the end of a run and wrong for anything
# else (docs/operations.md has settings for real use). PostgreSQL refuses to
# run as root, so as root the cluster runs as the "postgres" user Debian's
# package creates. Authentication is "trust" on the loopback address only.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || {
	echo "pg-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
	id postgres >/dev/null 2>&1 || { echo "pg-cluster: no 'postgres' user to run as" >&2; exit 1; }
	as_owner=(runuser -u postgres --)
fi

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

case $cmd in
start)
	[ ! -e "$dir" ] || { echo "pg-cluster: $dir exists" >&2; exit 1; }
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ ${#as_owner[@]} -eq 0 ] || chown postgres: "$dir"
	"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	# A free port: try a few random ones; pg_ctl fails on one in use.
	for _ in 1 2 3 4 5 6 7 8; do
		port=$(( 20000 + RANDOM % 30000 ))
		if "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off \
			    -c full_page_writes=off -c synchronous_commit=off -c max_connections=200 \
			    -c shared_buffers=64MB" start >/dev/null 2>&1; then
			echo "$port" >"$dir/port"
			echo "postgresql://postgres@127.0.0.1:$port/postgres"
			exit 0
		fi
	done
	cat "$dir/server.log" >&2 2>/dev/null || true
	echo "pg-cluster: could not start PostgreSQL" >&2
	exit 1 ;;
stop)
	[ -d "$dir" ] || exit 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
			kill -9 "$(head -n1 "$dir/data/postmaster.pid")" 2>/dev/null || true
	fi
	rm -rf "$dir" ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
