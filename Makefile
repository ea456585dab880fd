# The two commands (see README.md):
#   make run    install what is missing, build, create demo data, serve on :8080
#   make test   install what is missing, build, and run every test
BUILD ?= build
DB ?= var/emptychair.db

.PHONY: run test build bench clean fuzz-long deb

build:
	scripts/deps.sh
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) --buildtype=debugoptimized
	ninja -C $(BUILD)

run: build
	@[ -f $(DB) ] || $(BUILD)/src/emptychair --db $(DB) demo
	@echo
	@echo "emptychair is starting on http://127.0.0.1:8080/"
	@echo "  steward:    sam@demo.emptychair.org"
	@echo "  co-creator: amira@demo.emptychair.org"
	@echo "  password:   kettle river orange lamp"
	@echo "Stop it with Ctrl-C."
	@echo
	$(BUILD)/src/emptychair --db $(DB) serve --port 8080

test:
	scripts/deps.sh test
	scripts/test.sh

# Every fuzz target for ten million runs (a long while: about 10 minutes for
# each target that goes through libmicrohttpd); prints each one's count.
fuzz-long:
	scripts/deps.sh test
	STAGES=fuzz FUZZ_RUNS=10000000 scripts/test.sh

bench:
	scripts/deps.sh bench
	bench/http
	bench/http --db postgresql
	bench/influence
	bench/pay
	bench/select
	bench/representation
	bench/report
	bench/crash
	bench/crash --db postgresql

clean:
	rm -rf $(BUILD) build-asan build-fuzz

# The Debian package (debian/), into the directory above: apt install
# ./emptychair_*.deb then brings everything it needs.
deb:
	scripts/deps.sh deb
	dpkg-buildpackage -b -us -uc
	@ls ../emptychair_*.deb
