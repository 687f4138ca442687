#!/usr/bin/env bash
# Counts the machine instructions the event engine executes per paired
# person-year, under valgrind's callgrind: a figure that, unlike time, does not
# move with the machine's load, so changes to the engine can be compared on a
# busy machine (time still decides: see run.sh).
#
#   bench/instructions.sh [--branches] [BENCHMARK]   (default: BenchmarkRunPCNTypical)
#
# --branches also simulates the branch predictor and caches (slower) and
# prints mispredicted branches and first-level cache misses per paired
# person-year, with a rough cycle estimate (instructions/3.5 + 15 per
# misprediction + 10 per miss) for changes that trade one for the other.
#
# Only instructions inside runEvents (both arms of one PCN) are counted.
# -benchtime 2x runs the benchmark 3 times (once with b.N=1, then b.N=2).
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
sim=()
if [[ ${1:-} == --branches ]]; then
	sim=(--branch-sim=yes --cache-sim=yes)
	shift
fi
bench=${1:-BenchmarkRunPCNTypical}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/sim.test" ./sim
# Asynchronous preemption signals upset callgrind's signal handling; with
# more than one P the goroutine moves between threads and callgrind loses
# count of what is inside runEvents (counts varied by half); without the
# collector the count does not depend on when it runs (repeats within 0.1%).
GOMAXPROCS=1 GOGC=off GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind "${sim[@]}" \
	--toggle-collect='spsim/sim.runEvents' --callgrind-out-file="$work/cg.out" \
	"$work/sim.test" -test.run '^$' -test.bench "^$bench\$" -test.benchtime 2x \
	>"$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
line=$(grep -E "^$bench" "$work/log" | tail -1)
events=$(sed -n 's/^events: //p' "$work/cg.out" | head -1)
totals=$(sed -n 's/^summary: //p; s/^totals: //p' "$work/cg.out" | head -1)
# ns/op over ns/paired-person-year is the paired person-years of one run.
awk -v line="$line" -v events="$events" -v totals="$totals" 'BEGIN {
	n = split(line, f, /[ \t]+/)
	for (i = 1; i < n; i++) {
		if (f[i+1] == "ns/op") op = f[i]
		if (f[i+1] == "ns/paired-person-year") ns = f[i]
	}
	py = 3 * op / ns
	n = split(events, e, " ")
	split(totals, t, " ")
	for (i = 1; i <= n; i++) v[e[i]] = t[i]
	printf "%.0f instructions in runEvents over %.0f paired person-years (3 runs): %.0f per paired person-year\n", v["Ir"], py, v["Ir"] / py
	if ("Bcm" in v) {
		miss = (v["D1mr"] + v["D1mw"]) / py
		printf "per paired person-year: %.1f mispredicted branches, %.1f first-level cache misses; about %.0f cycles\n", v["Bcm"] / py, miss, v["Ir"] / py / 3.5 + 15 * v["Bcm"] / py + 10 * miss
	}
}'
