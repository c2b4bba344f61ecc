// Whether a soak's run did what it was fed: the report's record count against the lines fed, the
// planted claims against the flagged records, and (emit) the manifest against the files on disk,
// each decompressed and counted line by line.

import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PassThrough, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { ROOT } from "../bench/common.mjs";

/** Lines and bytes of a stream, counted as they pass. */
async function countStream(source) {
  let bytes = 0;
  let lines = 0;
  let last = 10;
  await pipeline(
    source,
    new Writable({
      write(chunk, _encoding, done) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        last = chunk[chunk.length - 1] ?? last;
        done();
      },
    }),
  );
  return { bytes, lines, endsWithNewline: last === 10 };
}

/** Lines and bytes of a file. */
export const countFileLines = (path) => countStream(createReadStream(path, { highWaterMark: 1 << 20 }));

/** A decoder for a file of this name: zstd-napi (the codec selfid wrote it with), gunzip, or none. */
function decoderFor(path) {
  if (path.endsWith(".zst")) {
    const { DecompressStream } = createRequire(join(ROOT, "package.json"))("zstd-napi");
    return new DecompressStream();
  }
  return path.endsWith(".gz") ? createGunzip() : new PassThrough();
}

/** An emitted file's sha256 and size on disk, and its lines and bytes once decompressed. */
async function readEmitted(path) {
  const hash = createHash("sha256");
  let disk = 0;
  const tap = new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      disk += chunk.length;
      done(null, chunk);
    },
  });
  const decoded = decoderFor(path);
  const [, counted] = await Promise.all([
    pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), tap, decoded),
    countStream(decoded),
  ]);
  return { ...counted, disk, sha256: hash.digest("hex") };
}

/** The 0-based lines of the planted claims (make-corpus.py's --truth file). */
export function readPlanted(truthPath) {
  const lines = new Set();
  for (const line of readFileSync(truthPath, "utf8").split("\n")) {
    if (line) lines.add(JSON.parse(line).line);
  }
  return lines;
}

/** Per source, the records with a finding of a flagging kind in a flagging role (from the hits file). */
export async function flaggedBySource(hitsPath, flagKinds, roles) {
  const kinds = new Set(flagKinds);
  const canFlag = new Set(roles);
  const bySource = new Map();
  for await (const line of createInterface({ input: createReadStream(hitsPath), crlfDelay: Infinity })) {
    if (!line) continue;
    const hit = JSON.parse(line);
    if (!kinds.has(hit.kind) || !canFlag.has(hit.role ?? "none")) continue;
    const set = bySource.get(hit.source) ?? new Set();
    bySource.set(hit.source, set);
    set.add(hit.record);
  }
  return bySource;
}

const check = (name, ok, detail) => ({ name, ok, detail });
const n = (x) => (typeof x === "number" ? x.toLocaleString("en-US") : String(x));

/** How many planted claims each source flagged: at least `minRecall` of them must be. */
function recallChecks(planted, bySource, sources, minRecall) {
  return sources.map((source) => {
    const flagged = bySource.get(source) ?? new Set();
    let found = 0;
    for (const line of planted) if (flagged.has(line)) found++;
    const recall = planted.size ? found / planted.size : 1;
    return check(
      `planted claims flagged (${source})`,
      recall >= minRecall,
      `${n(found)} of ${n(planted.size)} planted (${(100 * recall).toFixed(2)}%, need ≥ ${100 * minRecall}%); ` +
        `${n(flagged.size - found)} more flagged in the filler text, which holds real claims too`,
    );
  });
}

/** The checks of a stdin scan with --emit. */
export async function verifyEmit({ report, outDir, fed, generator, planted, minRecall }) {
  const checks = [];
  const t = report.totals;
  checks.push(
    check(
      "generator count = lines fed",
      generator?.records === fed.lines && generator?.bytes === fed.bytes,
      `make-corpus.py ${n(generator?.records)} records / ${n(generator?.bytes)} bytes; piped ${n(fed.lines)} lines / ${n(fed.bytes)} bytes`,
    ),
    check("report records = lines fed", t.records === fed.lines, `${n(t.records)} vs ${n(fed.lines)}`),
    check("no errors, report complete", t.errors === 0 && report.complete === true, `errors ${t.errors}`),
  );
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
  const input = manifest.inputs[0] ?? {};
  checks.push(
    check(
      "manifest: read = clean + flagged + errors = lines fed",
      manifest.complete === true &&
        input.read === fed.lines &&
        input.clean + input.flagged + input.errors === input.read &&
        input.flagged === t.flagged,
      `read ${n(input.read)} = clean ${n(input.clean)} + flagged ${n(input.flagged)} + errors ${n(input.errors)}`,
    ),
  );
  let lines = 0;
  let bytes = 0;
  const files = [];
  for (const file of manifest.files) {
    const got = await readEmitted(join(outDir, file.path));
    files.push({ path: file.path, records: file.records, ...got });
    lines += got.lines;
    bytes += got.bytes;
    checks.push(
      check(
        `emitted ${file.path}: lines = manifest records, sha256 and size match`,
        got.lines === file.records &&
          got.sha256 === file.sha256 &&
          got.disk === file.bytes &&
          got.endsWithNewline,
        `${n(got.lines)} lines (manifest ${n(file.records)}), ${n(got.bytes)} bytes decoded, ${n(got.disk)} on disk`,
      ),
    );
  }
  checks.push(
    check(
      "emitted lines and bytes add up to what was fed",
      lines === fed.lines && bytes === fed.bytes,
      `${n(lines)} lines / ${n(bytes)} bytes out; ${n(fed.lines)} / ${n(fed.bytes)} in`,
    ),
  );
  const bySource = await flaggedBySource(
    join(outDir, "hits.jsonl"),
    report.options.flagKinds,
    report.options.roles,
  );
  checks.push(...recallChecks(planted, bySource, ["-"], minRecall));
  return { checks, files };
}

/** The checks of a worker-pool scan of one file given `links.length` times. */
export async function verifyPool({ report, links, poolLines, hitsPath, planted, minRecall }) {
  const t = report.totals;
  const checks = [
    check(
      "report records = lines × copies",
      t.records === poolLines * links.length,
      `${n(t.records)} vs ${n(poolLines)} × ${links.length}`,
    ),
    check("no errors, report complete", t.errors === 0 && report.complete === true, `errors ${t.errors}`),
  ];
  const first = report.inputs[0];
  const same = report.inputs.every(
    (i) => i.records === poolLines && i.flagged === first.flagged && i.hits === first.hits,
  );
  checks.push(
    check(
      "every copy gives the same counts",
      same && report.inputs.length === links.length,
      `${report.inputs.length} inputs; first: ${n(first?.records)} records, ${n(first?.flagged)} flagged, ${n(first?.hits)} hits`,
    ),
  );
  const bySource = await flaggedBySource(hitsPath, report.options.flagKinds, report.options.roles);
  // One line per copy would say the same thing n times: check them all, report the worst.
  const recalls = recallChecks(planted, bySource, links, minRecall);
  const worst = recalls.find((c) => !c.ok) ?? recalls[0];
  if (worst) checks.push({ ...worst, name: `planted claims flagged (worst of ${links.length} copies)` });
  return { checks, files: [] };
}
