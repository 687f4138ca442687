#!/usr/bin/env bash
# Runs an spsim job on Slurm as N shards and merges them:
#
#   deploy/slurm/submit.sh [--wait SECONDS] N OUT COMMAND [ARGS...]
#   deploy/slurm/submit.sh 8 out/psa run pcn-typical --runs 1000 --seed 7
#   deploy/slurm/submit.sh 4 out/funding compare funding-options --runs 500
#
# It submits an array of N tasks (spsim-shard.sbatch), writing the shards to
# OUT.parts/0 ... OUT.parts/N-1, and a merge job (spsim-merge.sbatch) that
# runs once they all succeed and writes OUT. It prints the two job IDs. With
# --wait it also waits for both, at most SECONDS, cancelling them on timeout
# or if the node is drained (with deploy/slurm/slurm-local.sh's sbatch-wait,
# which watches the partition SLURM_LOCAL_PARTITION, default debug: meant for
# the one-node cluster slurm-local.sh sets up, as in CI), and exits non-zero
# if either failed.
#
# SPSIM names the spsim binary (default: spsim on PATH); give an absolute
# path, as the jobs may start in another directory. Extra sbatch options can
# go in SBATCH_OPTIONS (e.g. "--partition=long --time=02:00:00").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

wait_s=""
if [ "${1:-}" = "--wait" ]; then
	wait_s=${2:?--wait needs SECONDS}
	shift 2
fi
n=${1:?usage: submit.sh [--wait SECONDS] N OUT COMMAND [ARGS...]}
out=${2:?usage: submit.sh [--wait SECONDS] N OUT COMMAND [ARGS...]}
shift 2
[ $# -gt 0 ] || { echo "submit.sh: no spsim command given" >&2; exit 2; }
case $n in '' | *[!0-9]* | 0) echo "submit.sh: N must be a whole number of shards, at least 1 (got $n)" >&2; exit 2 ;; esac
out=$(realpath -m "$out")
parts="$out.parts"
mkdir -p "$parts"
read -r -a opts <<<"${SBATCH_OPTIONS:-}"

if [ -z "$wait_s" ]; then
	array=$(sbatch --parsable ${opts[@]+"${opts[@]}"} --array=0-$((n - 1)) -o "$parts/slurm-%A_%a.out" \
		"$here/spsim-shard.sbatch" "$parts" "$@")
	# If a shard fails (or times out), the merge can never run: Slurm drops it.
	merge=$(sbatch --parsable ${opts[@]+"${opts[@]}"} --dependency=afterok:"${array%%;*}" --kill-on-invalid-dep=yes -o "$parts/slurm-merge-%j.out" \
		"$here/spsim-merge.sbatch" "$parts" "$n" "$out")
	echo "array job ${array%%;*} ($n shards in $parts), merge job ${merge%%;*} (writes $out)"
	exit 0
fi

# Waiting: one job after the other, each with a time limit and a watchdog.
start=$SECONDS
array=$("$here/slurm-local.sh" sbatch-wait "$wait_s" ${opts[@]+"${opts[@]}"} --array=0-$((n - 1)) -o "$parts/slurm-%A_%a.out" \
	"$here/spsim-shard.sbatch" "$parts" "$@") || {
	rc=$?
	echo "submit.sh: the shard array failed (exit $rc); its logs: $parts/slurm-*.out" >&2
	tail -n 20 "$parts"/slurm-*.out >&2 || true
	exit "$rc"
}
left=$((wait_s - (SECONDS - start)))
[ "$left" -gt 0 ] || { echo "submit.sh: no time left for the merge" >&2; exit 124; }
merge=$("$here/slurm-local.sh" sbatch-wait "$left" ${opts[@]+"${opts[@]}"} -o "$parts/slurm-merge-%j.out" \
	"$here/spsim-merge.sbatch" "$parts" "$n" "$out") || {
	rc=$?
	echo "submit.sh: the merge failed (exit $rc)" >&2
	cat "$parts"/slurm-merge-*.out >&2 || true
	exit "$rc"
}
echo "array job $array: $n shards in $parts; merge job $merge: $out (in $((SECONDS - start)) s)"
