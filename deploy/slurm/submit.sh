#!/bin/bash
# Submits the selfid array and, after it, the merge:
#   deploy/slurm/submit.sh [SHARDS] [SBATCH OPTIONS…]      e.g. deploy/slurm/submit.sh 64 --partition=cpu
# SHARDS (default 16) sets --array=0-(SHARDS-1); further options go to the array's sbatch only.
# The SELFID_* variables of selfid-array.sbatch and merge.sbatch are read from the environment, as
# sbatch passes it on: export them first.
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
shards=${1:-16}
[[ $shards =~ ^[1-9][0-9]*$ ]] || {
  echo "usage: $0 [SHARDS] [SBATCH OPTIONS…]" >&2
  exit 2
}
shift $(($# > 0 ? 1 : 0))
unset SELFID_SHARD_COUNT # a full array: the shard numbers come from Slurm
array=$(sbatch --parsable --array="0-$((shards - 1))" "$@" "$here/selfid-array.sbatch")
array=${array%%;*} # --parsable prints "ID;CLUSTER" on multi-cluster setups
merge=$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sbatch")
merge=${merge%%;*}
echo "selfid: array job $array ($shards shards), merge job $merge (after all of them succeed)"
echo "        output: ${SELFID_OUT:-selfid-out}/report.json; watch: squeue -j $array,$merge"
