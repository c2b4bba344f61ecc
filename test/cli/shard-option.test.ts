import { describe, expect, it } from "vitest";
import { resolveShard } from "../../src/cli/shard-option.js";

const SLURM = { SLURM_ARRAY_TASK_ID: "13", SLURM_ARRAY_TASK_MIN: "10", SLURM_ARRAY_TASK_COUNT: "8" };

describe("resolveShard", () => {
  it("reads --shard I/N and nothing from the environment", () => {
    expect(resolveShard({ shard: "3/8" }, { ...SLURM, SELFID_SHARD_COUNT: "99" })).toEqual({
      index: 3,
      count: 8,
      origin: undefined,
    });
    expect(resolveShard({ shard: "0/1" }, {})).toMatchObject({ index: 0, count: 1 });
  });

  it("does not shard, and reads no variable, unless asked", () => {
    expect(resolveShard({}, { ...SLURM, JOB_COMPLETION_INDEX: "2" })).toBeUndefined();
    expect(resolveShard({}, { SELFID_SHARD_COUNT: "" })).toBeUndefined();
  });

  it("takes a Slurm job array's index and count with --shard auto", () => {
    expect(resolveShard({ shard: "auto" }, SLURM)).toEqual({
      index: 3,
      count: 8,
      origin: "index from SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN, count from SLURM_ARRAY_TASK_COUNT",
    });
    expect(
      resolveShard({ shard: "auto" }, { SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_COUNT: "4" }),
    ).toMatchObject({ index: 2, count: 4 });
    // An explicit count wins over the array's.
    expect(resolveShard({ shard: "auto", shardCount: "20" }, SLURM)).toMatchObject({ index: 3, count: 20 });
  });

  it("takes a Kubernetes Indexed Job's index with --shard-count or SELFID_SHARD_COUNT", () => {
    expect(resolveShard({ shardCount: "5" }, { JOB_COMPLETION_INDEX: "4" })).toEqual({
      index: 4,
      count: 5,
      origin: "index from JOB_COMPLETION_INDEX, count from --shard-count",
    });
    expect(resolveShard({}, { JOB_COMPLETION_INDEX: "0", SELFID_SHARD_COUNT: "3" })).toMatchObject({
      index: 0,
      count: 3,
    });
    expect(
      resolveShard({ shard: "auto" }, { JOB_COMPLETION_INDEX: "1", SELFID_SHARD_COUNT: "3" }),
    ).toMatchObject({ index: 1, count: 3 });
    expect(resolveShard({ shardCount: "3" }, { SLURM_ARRAY_TASK_ID: "2" })).toMatchObject({
      index: 2,
      count: 3,
    });
  });

  it("refuses bad values, naming the flag or variable", () => {
    const refused: Array<[Parameters<typeof resolveShard>[0], Record<string, string>, RegExp]> = [
      [{ shard: "3" }, {}, /^--shard 3: expected I\/N/],
      [{ shard: "-1/4" }, {}, /^--shard -1\/4: expected I\/N/],
      [{ shard: "4/4" }, {}, /^--shard 4\/4: the shard index must be below the count/],
      [{ shard: "0/0" }, {}, /^--shard 0\/0: the shard count must be at least 1/],
      [{ shard: "1.5/4" }, {}, /^--shard 1\.5\/4: expected/],
      [{ shard: "1/4", shardCount: "4" }, {}, /^--shard 1\/4 already gives the count/],
      [{ shard: "auto" }, {}, /^--shard auto: no shard index in the environment/],
      [{ shard: "auto" }, { JOB_COMPLETION_INDEX: "1" }, /nothing gives the count; pass --shard-count/],
      [
        { shardCount: "0" },
        { JOB_COMPLETION_INDEX: "0" },
        /^--shard-count 0: expected a whole number of at least 1/,
      ],
      [{ shardCount: "x" }, { JOB_COMPLETION_INDEX: "0" }, /^--shard-count x: expected a whole number/],
      [{}, { SELFID_SHARD_COUNT: "4" }, /^SELFID_SHARD_COUNT: no shard index in the environment/],
      [{}, { SELFID_SHARD_COUNT: "4", JOB_COMPLETION_INDEX: "4" }, /SELFID_SHARD_COUNT.*index must be below/],
      [
        { shardCount: "3" },
        { JOB_COMPLETION_INDEX: "abc" },
        /^JOB_COMPLETION_INDEX=abc: expected a whole number/,
      ],
      [
        { shard: "auto" },
        { ...SLURM, SLURM_ARRAY_TASK_ID: "9" },
        /SLURM_ARRAY_TASK_ID=9 is below SLURM_ARRAY_TASK_MIN=10/,
      ],
      [
        { shard: "auto" },
        { ...SLURM, SLURM_ARRAY_TASK_COUNT: "2" },
        /index 3 from .* must be below the count/,
      ],
      [
        { shard: "auto" },
        { ...SLURM, JOB_COMPLETION_INDEX: "0" },
        /both JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID/,
      ],
    ];
    for (const [flags, env, message] of refused) {
      expect(() => resolveShard(flags, env), JSON.stringify([flags, env])).toThrow(message);
    }
  });
});
