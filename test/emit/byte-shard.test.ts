import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { ByteShard } from "../../src/emit/byte-shard.js";
import { commitOutput } from "../../src/emit/output-file.js";

const tmp = mkdtempSync(join(tmpdir(), "selfid-byte-shard-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("ByteShard back-pressure", () => {
  for (const layout of ["lines", "json-array"] as const) {
    it(`makes the writer wait for a slow compressor (${layout}), so memory stays bounded`, async () => {
      let processed = 0;
      // A "compressor" that takes its time: without back-pressure, records would pile up in memory.
      const slow = () =>
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            setTimeout(() => {
              processed += chunk.length;
              done(null, chunk);
            }, 2);
          },
        });
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on("warning", onWarning);
      const path = join(tmp, `out-${layout}`);
      const shard = await ByteShard.open(path, layout, "zstd", slow);
      const record = { type: "record" as const, value: {}, index: 0, raw: Buffer.alloc(10_000, 0x61) };
      let handed = 0;
      let mostAhead = 0;
      for (let i = 0; i < 3000; i++) {
        const wait = shard.write(record);
        handed += 10_001;
        mostAhead = Math.max(mostAhead, handed - processed);
        if (wait) await wait;
      }
      await shard.close();
      await commitOutput(path);
      process.off("warning", onWarning);
      expect(processed).toBeGreaterThanOrEqual(handed);
      // 30 MB went through; at no point were more than a few MiB waiting in memory.
      expect(mostAhead).toBeLessThan(4 << 20);
      expect(warnings).toEqual([]);
    });
  }
});
