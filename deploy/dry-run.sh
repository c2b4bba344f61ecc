#!/bin/bash
# A local dry run of deploy/: no cluster needed. Runs deploy/slurm/selfid-array.sbatch once per
# shard with the variables Slurm would set, then as a Kubernetes Indexed Job would (JOB_COMPLETION_INDEX
# and SELFID_SHARD_COUNT), merges each with deploy/slurm/merge.sbatch, and checks that both merged
# reports and hits files equal those of one unsharded `selfid scan`. It also deletes a shard's report
# and re-runs the array, to show that only that shard is scanned again.
#
#   deploy/dry-run.sh [SHARDS] [INPUT]       defaults: 4, the repository's examples/
#
# SELFID_CMD (default: node bin/selfid.js of this checkout) and SELFID_ARGS are used as by the
# scripts. The outputs stay in a temporary directory, printed at the end. Exit 0 when all matches.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname -- "$here")
shards=${1:-4}
input=${2:-$repo/examples}
[[ $shards =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: $0 [SHARDS] [INPUT]" >&2
  exit 2
}
export SELFID_CMD=${SELFID_CMD:-node $repo/bin/selfid.js}
export SELFID_INPUT=$input
read -r -a selfid <<<"$SELFID_CMD"
read -r -a extra <<<"${SELFID_ARGS:-}"
work=$(mktemp -d "${TMPDIR:-/tmp}/selfid-dry-run.XXXXXX")
# Not inside a real allocation: drop whatever Slurm or Kubernetes variables the shell has.
unset SLURM_JOB_ID SLURM_ARRAY_JOB_ID SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_MIN SLURM_ARRAY_TASK_MAX \
  SLURM_ARRAY_TASK_COUNT SLURM_CPUS_PER_TASK SLURM_SUBMIT_DIR JOB_COMPLETION_INDEX SELFID_SHARD_COUNT

slurm_array() { # what `sbatch --array=0-(SHARDS-1) selfid-array.sbatch` runs, one task after another
  local i
  for ((i = 0; i < shards; i++)); do
    SLURM_JOB_ID=$((1000 + i)) SLURM_ARRAY_JOB_ID=1000 SLURM_ARRAY_TASK_ID=$i \
      SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=$((shards - 1)) SLURM_ARRAY_TASK_COUNT=$shards \
      SLURM_CPUS_PER_TASK=1 SELFID_OUT=$work/slurm bash "$here/slurm/selfid-array.sbatch"
  done
}
k8s_job() { # what the Indexed Job's pods run (the image calls the script selfid-shard)
  local i
  for ((i = 0; i < shards; i++)); do
    JOB_COMPLETION_INDEX=$i SELFID_SHARD_COUNT=$shards SELFID_WORKERS=1 SELFID_OUT=$work/k8s \
      bash "$here/slurm/selfid-array.sbatch"
  done
}

echo "== Slurm array, $shards shards of $input"
slurm_array
echo "== again: every shard is done, so every task skips"
slurm_array
echo "== shard 1 lost: only it runs again"
rm -- "$work/slurm/report-00001.json"
slurm_array
echo "== merge"
SELFID_OUT=$work/slurm bash "$here/slurm/merge.sbatch"
echo "== Kubernetes Indexed Job, $shards indexes"
k8s_job
SELFID_OUT=$work/k8s bash "$here/slurm/merge.sbatch" >/dev/null

echo "== one unsharded run, for comparison"
status=0
"${selfid[@]}" scan "$input" ${extra[@]+"${extra[@]}"} --json "$work/single.json" --hits "$work/single-hits.jsonl" -q || status=$?
((status <= 1)) || {
  echo "dry-run: the unsharded scan failed (exit $status)" >&2
  exit 2
}
failed=0
for run in slurm k8s; do
  if cmp -s -- "$work/single-hits.jsonl" "$work/$run/hits.jsonl"; then
    echo "ok: $run hits.jsonl equals the unsharded hits ($(wc -l <"$work/single-hits.jsonl") lines)"
  else
    echo "DIFFERENT: $run hits.jsonl and the unsharded hits" >&2
    failed=1
  fi
  if node -e '
    const { readFileSync } = require("node:fs");
    const { isDeepStrictEqual } = require("node:util");
    const [a, b] = process.argv.slice(1).map((p) => JSON.parse(readFileSync(p, "utf8")));
    process.exit(isDeepStrictEqual(a, b) ? 0 : 1);' "$work/single.json" "$work/$run/report.json"; then
    echo "ok: $run report.json equals the unsharded report"
  else
    echo "DIFFERENT: $run report.json and the unsharded report (diff them: $work)" >&2
    failed=1
  fi
done
echo "outputs: $work"
exit "$failed"
