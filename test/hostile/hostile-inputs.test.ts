import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { checkScan, zstd } from "../helpers/fuzz-property.mjs";
import { hostileCases, type InputExpectation } from "../helpers/hostile-inputs.js";
import { inProcess, spawned } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "selfid-hostile-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function within(value: number, want: number | readonly [number, number]): boolean {
  return typeof want === "number" ? value === want : value >= want[0] && value <= want[1];
}

function decode(path: string): Buffer {
  const bytes = readFileSync(path);
  if (path.endsWith(".gz")) return gunzipSync(bytes);
  if (path.endsWith(".zst") && zstd) return Buffer.from(zstd.decompress(bytes));
  return bytes;
}

describe("hostile inputs", () => {
  hostileCases().forEach((hostile, i) => {
    it(`${hostile.name}: no crash or hang, every record counted, readable ones scanned, --emit lossless`, async () => {
      const dir = join(tmp, `case-${i}`);
      mkdirSync(dir);
      for (const [name, file] of Object.entries(hostile.files)) {
        if (Buffer.isBuffer(file)) writeFileSync(join(dir, name), file);
        else file.write(join(dir, name));
      }
      const args = hostile.args ?? [];
      const cap = args.indexOf("--max-record-bytes");
      const names = Object.keys(hostile.files);
      const { violations, report, exitCode } = await checkScan(
        hostile.spawn ? spawned(45_000) : inProcess,
        dir,
        names,
        { args, ...(cap >= 0 ? { maxRecordBytes: Number(args[cap + 1]) } : {}), twice: false },
      );
      expect(violations).toEqual([]);
      if (!report) throw new Error("no report");
      const manifest = JSON.parse(readFileSync(join(dir, "out-a1/manifest.json"), "utf8")) as {
        files: { path: string; source: string; kind: string }[];
      };
      const outcome: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const name of names) {
        const input = report.inputs.find((x) => x.source === name);
        const want = hostile.expect[name] as InputExpectation;
        const recordErrors = (input?.errors ?? 0) - (input?.failed ? 1 : 0);
        outcome[name] = {
          scanned: within(input?.scanned ?? -1, want.scanned) ? want.scanned : input?.scanned,
          errors: within(recordErrors, want.errors) ? want.errors : recordErrors,
          failed: want.failed === "either" ? "either" : input?.failed,
        };
        wanted[name] = { scanned: want.scanned, errors: want.errors, failed: want.failed };
        if (want.failure) {
          const failure = report.errors.find((e) => e.source === name && e.record === undefined);
          expect(failure?.message).toMatch(want.failure);
          expect(failure?.message).toContain(name);
        }
        if (want.errorBytes) {
          const files = manifest.files.filter((f) => f.source === name && f.kind === "errors");
          const kept = Buffer.concat(files.map((f) => decode(join(dir, "out-a1", f.path))));
          const planted = Buffer.concat(want.errorBytes.flatMap((b) => [b, Buffer.from("\n")]));
          expect(kept.equals(planted), `${name}: errors/ keeps the bad records' bytes`).toBe(true);
        }
      }
      expect(outcome).toEqual(wanted);
      expect(exitCode).toBe(report.inputs.some((input) => input.failed) ? 2 : 0);
      // A spawned case is killed (a hang) after 45 s; the test waits for that verdict.
    }, 90_000);
  });
});
