#!/usr/bin/env bash
# Reproduces the performance targets of issue 3 and prints, for each, paired
# person-years per CPU-second, wall time and peak resident memory.
#
#   bench/run.sh [-n N] [throughput|ensemble|england|all]   (default: throughput)
#
# -n N repeats each measurement N times and then prints the median of the
# paired person-years per CPU-second (times on a shared machine vary by 10%
# from run to run).
#
#   throughput  pcn-typical, 30 runs: paired person-years per CPU-second
#               (target: at least 3 million)
#   ensemble    pcn-typical, 1,000 runs (target: at most 60 s wall, under 1 GB)
#   england     england with every PCN (sample_pcns=0), 10 years, one run
#               (target: at most 5 minutes wall, under 2 GB)
#
# A paired person-year is one adult simulated for one year in the scenario arm
# with its counterfactual also produced; CPU seconds are user + system time of
# the whole process, from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

repeat=1
if [[ ${1:-} == -n ]]; then
	repeat=${2:?"-n needs a count"}
	shift 2
fi
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "-n: want a positive count, got $repeat" >&2; exit 2; }

bin=$(mktemp -d)/spsim
go build -o "$bin" ./cmd/spsim
work=$(mktemp -d)
trap 'rm -rf "$work" "$(dirname "$bin")"' EXIT

# measure NAME ARGS...: run spsim with ARGS under /usr/bin/time -v and report.
measure() {
	local name=$1; shift
	local out="$work/$name"
	/usr/bin/time -v -o "$work/$name.time" "$bin" run "$@" --out "$out" --quiet >/dev/null
	local wall cpu rss ppy
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/$name.time")
	cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$work/$name.time")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2/1024}' "$work/$name.time")
	# The first match is the total (each run's timing repeats the key); sed
	# quits there itself, as head would end the pipe under pipefail.
	ppy=$(sed -n '/"paired_person_years"/{s/.*"paired_person_years": \([0-9.e+]*\).*/\1/p;q;}' "$out/manifest.json")
	local rate
	rate=$(awk -v p="$ppy" -v c="$cpu" 'BEGIN {print p/c}')
	echo "$rate" >>"$work/$name.rates"
	printf '%-11s %14.0f paired person-years  %9.1f s wall  %9.1f s CPU  %12.0f per CPU-second  %7.0f MB peak RSS\n' \
		"$name" "$ppy" "$wall" "$cpu" "$rate" "$rss"
	rm -rf "$out"
}

# repeated NAME ARGS...: measure NAME repeat times, then print the median rate.
repeated() {
	local name=$1
	for ((k = 0; k < repeat; k++)); do
		measure "$@"
	done
	if ((repeat > 1)); then
		sort -g "$work/$name.rates" | awk -v n="$name" '{r[NR] = $1} END {
			m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
			printf "%-11s median of %d: %.0f per CPU-second (%.0f to %.0f)\n", n, NR, m, r[1], r[NR]
		}'
	fi
}

case ${1:-throughput} in
throughput) repeated throughput pcn-typical --runs 30 ;;
ensemble) repeated ensemble pcn-typical --runs 1000 ;;
england) repeated england england --runs 1 --set sample_pcns=0 ;;
all)
	repeated throughput pcn-typical --runs 30
	repeated ensemble pcn-typical --runs 1000
	repeated england england --runs 1 --set sample_pcns=0
	;;
*) echo "usage: $0 [-n N] [throughput|ensemble|england|all]" >&2; exit 2 ;;
esac
