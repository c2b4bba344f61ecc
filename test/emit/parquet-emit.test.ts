import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/emit/emit-writer.js";
import { parquetCompressors } from "../../src/records/parquet-codecs.js";
import { scan } from "../../src/scan.js";
import type { Hit } from "../../src/types.js";
import { fixture } from "./parquet-fixture.js";

const tmp = mkdtempSync(join(tmpdir(), "selfid-parquet-emit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rowsOf(path: string): Promise<Record<string, unknown>[]> {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return parquetReadObjects({ file, compressors: parquetCompressors() });
}

describe("--emit of Parquet", () => {
  for (const codec of ["ZSTD", "SNAPPY"] as const) {
    it(`splits a ${codec} file into clean and flagged Parquet with its schema, codec and values`, async () => {
      const root = join(tmp, codec);
      mkdirSync(root, { recursive: true });
      writeFileSync(join(root, "a.parquet"), fixture(60, codec));
      const hits: Hit[] = [];
      await scan({
        inputs: ["a.parquet"],
        cwd: root,
        emit: { dir: join(root, "out") },
        onHit: (h) => hits.push(h),
      });

      const input = await rowsOf(join(root, "a.parquet"));
      const clean = await rowsOf(join(root, "out/clean/a.parquet"));
      const flagged = await rowsOf(join(root, "out/flagged/a.parquet"));
      const byId = (rows: Record<string, unknown>[]) =>
        [...rows].sort((a, b) => (BigInt(a.id as bigint) < BigInt(b.id as bigint) ? -1 : 1));
      expect(byId([...clean, ...flagged])).toEqual(byId(input));
      const flaggedRows = new Set(hits.filter((h) => h.kind === "self-claim").map((h) => h.record));
      expect(flaggedRows.size).toBeGreaterThan(0);
      expect(
        flagged.map((row) => input.indexOf(input.find((r) => r.id === row.id) as Record<string, unknown>)),
      ).toEqual([...flaggedRows].sort((a, b) => a - b));
      for (const tree of ["clean", "flagged"]) {
        const meta = parquetMetadata(
          readFileSync(join(root, "out", tree, "a.parquet")).buffer as ArrayBuffer,
        );
        const original = parquetMetadata(readFileSync(join(root, "a.parquet")).buffer as ArrayBuffer);
        expect(meta.schema.map((e) => [e.name, e.type, e.repetition_type, e.num_children])).toEqual(
          original.schema.map((e) => [e.name, e.type, e.repetition_type, e.num_children]),
        );
        expect(meta.row_groups[0]?.columns[0]?.meta_data?.codec).toBe(codec);
      }
      const manifest = JSON.parse(readFileSync(join(root, "out/manifest.json"), "utf8")) as Manifest;
      expect(manifest.inputs[0]).toMatchObject({
        read: 60,
        clean: clean.length,
        flagged: flagged.length,
        errors: 0,
      });
    });
  }
});
