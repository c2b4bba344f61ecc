import { UsageError } from "../errors.js";
import type { ShardSpec } from "../plan/shard-plan.js";

/** The flags that ask for a sharded scan. */
export interface ShardFlags {
  /** `--shard I/N` or `--shard auto`. */
  shard?: string | undefined;
  /** `--shard-count N`: the count, with the index from the environment. */
  shardCount?: string | undefined;
}

/** The shard a process is, and where the numbers came from when not from `--shard I/N`. */
export interface ResolvedShard extends ShardSpec {
  /** E.g. `index from JOB_COMPLETION_INDEX, count from --shard-count`; undefined for `--shard I/N`. */
  origin: string | undefined;
}

/**
 * Which shard of a run this process is, from `--shard I/N`, or from the job engine's environment
 * when `--shard auto`, `--shard-count N` or `SELFID_SHARD_COUNT` asks for it (the environment is
 * never read otherwise):
 *
 * - index: `JOB_COMPLETION_INDEX` (Kubernetes Indexed Job), or `SLURM_ARRAY_TASK_ID` minus
 *   `SLURM_ARRAY_TASK_MIN` (default 0) of a Slurm job array; both set is ambiguous and refused;
 * - count: `--shard-count`, else `SELFID_SHARD_COUNT`, else (`--shard auto` in a Slurm array)
 *   `SLURM_ARRAY_TASK_COUNT`.
 *
 * Undefined when nothing asks for sharding. Throws a {@link UsageError} naming the flag or variable
 * at fault.
 */
export function resolveShard(
  flags: ShardFlags,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedShard | undefined {
  const { shard, shardCount } = flags;
  if (shard !== undefined && shard !== "auto") {
    if (shardCount !== undefined) {
      throw new UsageError(
        `--shard ${shard} already gives the count: drop --shard-count, or use --shard auto`,
      );
    }
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shard);
    if (!match) {
      throw new UsageError(`--shard ${shard}: expected I/N (shard I of N, counted from 0, e.g. 0/8) or auto`);
    }
    return { ...checked(Number(match[1]), Number(match[2]), `--shard ${shard}`), origin: undefined };
  }
  const envCount = env.SELFID_SHARD_COUNT === "" ? undefined : env.SELFID_SHARD_COUNT;
  if (shard === undefined && shardCount === undefined && envCount === undefined) return undefined;

  const asking =
    shard === "auto" ? "--shard auto" : shardCount !== undefined ? "--shard-count" : "SELFID_SHARD_COUNT";
  const index = indexFromEnv(env, asking);
  let count: number;
  let countOrigin: string;
  if (shardCount !== undefined) {
    count = whole(shardCount, `--shard-count ${shardCount}`);
    countOrigin = "--shard-count";
  } else if (envCount !== undefined) {
    count = whole(envCount, `SELFID_SHARD_COUNT=${envCount}`);
    countOrigin = "SELFID_SHARD_COUNT";
  } else if (index.slurm && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    count = whole(env.SLURM_ARRAY_TASK_COUNT, `SLURM_ARRAY_TASK_COUNT=${env.SLURM_ARRAY_TASK_COUNT}`);
    countOrigin = "SLURM_ARRAY_TASK_COUNT";
  } else {
    throw new UsageError(
      `${asking}: ${index.origin} gives the shard index but nothing gives the count; pass --shard-count N or set SELFID_SHARD_COUNT (the number of tasks of the job)`,
    );
  }
  const where = `${asking} (index ${index.value} from ${index.origin}, count ${count} from ${countOrigin})`;
  return {
    ...checked(index.value, count, where),
    origin: `index from ${index.origin}, count from ${countOrigin}`,
  };
}

/** The shard index the job engine gives this task. */
function indexFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  asking: string,
): { value: number; origin: string; slurm: boolean } {
  const k8s = env.JOB_COMPLETION_INDEX;
  const slurm = env.SLURM_ARRAY_TASK_ID;
  if (k8s !== undefined && slurm !== undefined) {
    throw new UsageError(
      `${asking}: both JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID are set, so the shard index is ambiguous; pass --shard I/N`,
    );
  }
  if (k8s !== undefined) {
    return {
      value: whole(k8s, `JOB_COMPLETION_INDEX=${k8s}`, 0),
      origin: "JOB_COMPLETION_INDEX",
      slurm: false,
    };
  }
  if (slurm !== undefined) {
    const id = whole(slurm, `SLURM_ARRAY_TASK_ID=${slurm}`, 0);
    const min = env.SLURM_ARRAY_TASK_MIN;
    const base = min === undefined ? 0 : whole(min, `SLURM_ARRAY_TASK_MIN=${min}`, 0);
    if (id < base) {
      throw new UsageError(`${asking}: SLURM_ARRAY_TASK_ID=${id} is below SLURM_ARRAY_TASK_MIN=${base}`);
    }
    return {
      value: id - base,
      origin: min === undefined ? "SLURM_ARRAY_TASK_ID" : "SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN",
      slurm: true,
    };
  }
  throw new UsageError(
    `${asking}: no shard index in the environment (JOB_COMPLETION_INDEX of a Kubernetes Indexed Job, or SLURM_ARRAY_TASK_ID of a Slurm job array); pass --shard I/N`,
  );
}

/** A whole number of at least `least`, or a usage error naming `what`. */
function whole(value: string, what: string, least = 1): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < least || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${what}: expected a whole number${least > 0 ? ` of at least ${least}` : ""}`);
  }
  return Number(value);
}

function checked(index: number, count: number, what: string): ShardSpec {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(`${what}: the shard count must be at least 1`);
  }
  if (!Number.isSafeInteger(index) || index >= count) {
    throw new UsageError(
      `${what}: the shard index must be below the count (shards are numbered 0 to ${count - 1})`,
    );
  }
  return { index, count };
}
