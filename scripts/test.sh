#!/usr/bin/env bash
# Every test, in stages; the last line counts them all:
#   1. unit, store and HTTP tests (meson test) in a normal build; the store
#      and HTTP tests run once on SQLite and once on PostgreSQL, in a
#      throwaway cluster started here and stopped at the end
#   2. the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. libFuzzer targets, each for a bounded time (FUZZ_SECONDS, default 20),
#      or a number of runs (FUZZ_RUNS: make fuzz-long sets 10 million)
#   4. browser journeys (node --test, playwright-core + Debian chromium + axe-core)
# Set STAGES="unit asan fuzz browser" to run only some.
set -uo pipefail
cd "$(dirname "$0")/.."

# Tests talk to 127.0.0.1 only; never through a proxy.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy='*' NO_PROXY='*'
# Test accounts are hashed at libsodium's minimum cost (see auth.h).
export EMPTYCHAIR_PWHASH=minimum
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
STAGES=${STAGES:-"unit asan fuzz browser"}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_RUNS=${FUZZ_RUNS:-}

# A throwaway PostgreSQL cluster for the stages that need one
# (tests/testdb.h); stopped on any exit.
PG_DIR=
stop_pg() { [ -z "$PG_DIR" ] || scripts/pg-cluster.sh stop "$PG_DIR"; }
trap stop_pg EXIT
case " $STAGES " in
*" unit "*|*" asan "*)
  PG_DIR=$(mktemp -u /tmp/ec-test-pg.XXXXXX)
  if ! EMPTYCHAIR_TEST_PG=$(scripts/pg-cluster.sh start "$PG_DIR"); then
    echo "test.sh: could not start a PostgreSQL cluster for the tests" >&2
    exit 1
  fi
  export EMPTYCHAIR_TEST_PG ;;
esac

passed=0 failed=0
failed_stages=()
note() { printf '\n== %s\n' "$*"; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

# meson test in $1, set up with the rest of the arguments if need be.
meson_stage() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ] && ! meson setup "$dir" "$@" >"/tmp/meson-setup-$$.log" 2>&1; then
    cat "/tmp/meson-setup-$$.log"; count 0 1; failed_stages+=("$dir setup"); return
  fi
  if ! ninja -C "$dir" >"$dir/ninja.log" 2>&1; then
    cat "$dir/ninja.log"; count 0 1; failed_stages+=("$dir build"); return
  fi
  meson test -C "$dir" --print-errorlogs --num-processes 2 | tee "$dir/test.log"
  # Count test cases, not programs: each cmocka case prints "[       OK ]"
  # once; a failing program counts as one failure even if it dies early.
  local cases fail
  cases=$(grep -c '^\[       OK \]' "$dir/meson-logs/testlog.txt")
  fail=$(awk '/^(Fail|Timeout|Unexpected Pass):/ {s+=$2} END {print s+0}' "$dir/test.log")
  grep -q '^Ok:' "$dir/test.log" || fail=$((fail + 1))
  echo "$dir: $cases test cases passed in $(awk '/^Ok:/ {print $2}' "$dir/test.log") programs"
  count "$cases" "$fail"
  [ "$fail" -eq 0 ] || failed_stages+=("$dir")
}

for stage in $STAGES; do
  case $stage in
  unit)
    note "unit, store and HTTP tests"
    meson_stage build --buildtype=debugoptimized ;;
  asan)
    note "the same under ASan + UBSan"
    meson_stage build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false ;;
  fuzz)
    if [ -n "$FUZZ_RUNS" ]; then bound=(-runs="$FUZZ_RUNS"); note "fuzz targets, $FUZZ_RUNS runs each"
    else bound=(-max_total_time="$FUZZ_SECONDS"); note "fuzz targets, ${FUZZ_SECONDS}s each"; fi
    if [ ! -f build-fuzz/build.ninja ]; then
      if ! CC=clang meson setup build-fuzz -Dfuzz=true --buildtype=debug >"/tmp/meson-setup-$$.log" 2>&1; then
        cat "/tmp/meson-setup-$$.log"; count 0 1; failed_stages+=(fuzz-setup); continue
      fi
    fi
    if ! ninja -C build-fuzz >build-fuzz/ninja.log 2>&1; then cat build-fuzz/ninja.log; count 0 1; failed_stages+=(fuzz-build); continue; fi
    for target in build-fuzz/tests/fuzz/fuzz_*; do
      [ -f "$target" ] && [ -x "$target" ] || continue
      name=$(basename "$target")
      corpus=tests/fuzz/corpus/${name#fuzz_}
      work=$(mktemp -d)
      mkdir -p build-fuzz/artifacts   # a crashing input is kept here, outside the tree
      if "$target" "${bound[@]}" -print_final_stats=0 \
           -artifact_prefix=build-fuzz/artifacts/ "$work" "$corpus" >"$work.log" 2>&1; then
        echo "fuzz $name: ok ($(grep -o 'Done [0-9]* runs' "$work.log" | tail -1))"; count 1 0
      else
        tail -40 "$work.log"; echo "fuzz $name: FAILED"; count 0 1; failed_stages+=("fuzz $name")
      fi
      rm -rf "$work" "$work.log"
    done ;;
  browser)
    note "browser journeys"
    if [ ! -f tests/browser/package.json ]; then echo "no browser tests"; continue; fi
    if ! (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error); then count 0 1; failed_stages+=(npm); continue; fi
    [ -x build/src/emptychair ] || { count 0 1; failed_stages+=(browser-no-binary); continue; }
    # TAP, so the counts below can be read whatever the default reporter is.
    node --test --test-reporter=tap --test-concurrency=1 tests/browser/ 2>&1 | tee build/browser.log
    ok=$(awk '/^# pass/ {print $3}' build/browser.log); fail=$(awk '/^# fail/ {print $3}' build/browser.log)
    count "${ok:-0}" "${fail:-1}"
    [ "${fail:-1}" -eq 0 ] || failed_stages+=(browser) ;;
  *) echo "unknown stage $stage"; exit 2 ;;
  esac
done

echo
[ ${#failed_stages[@]} -eq 0 ] || echo "failed: ${failed_stages[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
