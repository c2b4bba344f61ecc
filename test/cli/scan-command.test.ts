import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };

/**
 * A small corpus of canonical cases: claims the library must find in any version, and the
 * negatives around them (user side, usage, third person, a bad line).
 */
const RECORDS: unknown[] = [
  {
    messages: [
      { role: "user", content: "你是谁？" },
      { role: "assistant", content: "我是通义千问，由阿里云开发的AI助手。" },
    ],
  },
  { text: "Hello! I'm ChatGPT, a large language model trained by OpenAI. How can I help you today?" },
  {
    messages: [
      { role: "user", content: "I'm ChatGPT's biggest fan. Are you ChatGPT?" },
      { role: "assistant", content: "I can help with that question about fruit." },
    ],
  },
  {
    conversations: [
      { from: "human", value: "What is 2+2?" },
      { from: "gpt", value: "2 + 2 = 4." },
    ],
  },
  {
    instruction: "Summarise the news.",
    input: "",
    output: "DeepSeek-V3 was released under a permissive licence, the company said.",
  },
  { prompt: "Who made you?", response: "I was trained by Google, and I'm here to help." },
  { text: "Claude Monet painted water lilies in his garden at Giverny for thirty years." },
];

const dir = mkdtempSync(join(tmpdir(), "selfid-cli-"));
const jsonl = `${RECORDS.map((r) => JSON.stringify(r)).join("\n")}\n`;

beforeAll(() => {
  writeFileSync(join(dir, "chat.jsonl"), jsonl);
  writeFileSync(join(dir, "chat.json"), JSON.stringify(RECORDS, null, 2));
  writeFileSync(join(dir, "chat.jsonl.gz"), gzipSync(jsonl));
  writeFileSync(join(dir, "chat.jsonl.zst"), zstd.compress(Buffer.from(jsonl)));
  writeFileSync(
    join(dir, "broken.jsonl"),
    `${JSON.stringify(RECORDS[1])}\n{"text": oops}\n\n${JSON.stringify(RECORDS[0])}\n`,
  );
  mkdirSync(join(dir, "tree", ".hidden"), { recursive: true });
  writeFileSync(join(dir, "tree", "a.jsonl"), jsonl);
  writeFileSync(join(dir, "tree", ".hidden", "b.jsonl"), jsonl);
  writeFileSync(join(dir, "tree", "notes.md"), "I'm ChatGPT");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scanJson(args: string[], options: Parameters<typeof run>[1] = {}) {
  const result = await run(["scan", ...args, "--format", "json"], { cwd: dir, ...options });
  if (!result.stdout)
    throw new Error(`scan ${args.join(" ")} printed no report (exit ${result.exitCode}): ${result.stderr}`);
  return { ...result, report: reportSchema.parse(JSON.parse(result.stdout)) as Report };
}

function hitsOf(file: string) {
  return readFileSync(join(dir, file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("selfid scan", () => {
  it("finds the claims on the assistant and role-less side only, and writes the hits contract", async () => {
    const result = await run(["scan", "chat.jsonl", "--hits", "hits.jsonl", "--quiet"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe("");
    const hits = hitsOf("hits.jsonl").filter((h) => h.kind !== "disclaimer" && h.kind !== "placeholder");
    expect(hits.map((h) => [h.record, h.family, h.role, h.field])).toEqual([
      [0, "alibaba", "assistant", "messages[1].content"],
      [1, "openai", "none", "text"],
      [5, "google", "assistant", "response"],
    ]);
    const first = hits[0] as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      "source",
      "record",
      "line",
      "field",
      "role",
      "family",
      "kind",
      "lang",
      "match",
      "start",
      "end",
      "pattern",
    ]);
    expect(first).toMatchObject({
      source: "chat.jsonl",
      line: 1,
      kind: "self-claim",
      lang: "zh",
      match: "我是通义千问",
    });
    expect(first.start).toBe(0);
    expect(first.end).toBe(6);
  });

  it("prints the per-language table by default", async () => {
    const result = await run(["scan", "chat.jsonl"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/7 records scanned, 3 flagged \(42\.86%\)/);
    expect(result.stdout).toMatch(/^language +records +flagged +rate/m);
    expect(result.stdout).toMatch(/^zh +1 +1 +100\.00%/m);
    expect(result.stdout).toMatch(/^all +7 +3 +42\.86%/m);
  });

  it("reports per-language denominators and per-family counts in the JSON report", async () => {
    const { report } = await scanJson(["chat.jsonl"]);
    expect(report.totals).toMatchObject({ records: 7, scanned: 7, flagged: 3, errors: 0 });
    expect(report.languages.zh).toMatchObject({ records: 1, flagged: 1, families: { alibaba: 1 } });
    expect(report.languages.en?.records).toBeGreaterThanOrEqual(5);
    expect(Object.values(report.languages).reduce((n, l) => n + l.records, 0)).toBe(7);
    expect(report.flaggedByFamily).toMatchObject({ alibaba: 1, openai: 1, google: 1 });
    expect(report.families.alibaba).toEqual({ zh: 1 });
    expect(report.examples.some((e) => e.snippet.includes("[我是通义千问]"))).toBe(true);
  });

  it("gives the same report and hits for JSONL, a JSON array, .gz and .zst", async () => {
    const strip = (report: Report) => ({
      ...report,
      inputs: report.inputs.map((i) => ({ ...i, source: "", bytes: 0, format: "", compression: "" })),
      examples: report.examples.map((e) => ({ ...e, source: "", line: 0 })),
    });
    const runs = await Promise.all(
      ["chat.jsonl", "chat.json", "chat.jsonl.gz", "chat.jsonl.zst"].map(async (file, i) => {
        const { report } = await scanJson([file, "--hits", `same-${i}.jsonl`]);
        const hits = hitsOf(`same-${i}.jsonl`).map(({ source: _s, line: _l, ...rest }) => rest);
        return { report: strip(report), hits };
      }),
    );
    for (const other of runs.slice(1)) {
      expect(other.report).toEqual(runs[0]?.report);
      expect(other.hits).toEqual(runs[0]?.hits);
    }
  });

  it("lets the user side flag only with --roles user", async () => {
    const { report } = await scanJson(["chat.jsonl", "--roles", "user"]);
    expect(report.totals.flagged).toBe(0);
    const withUser = await scanJson(["chat.jsonl", "--roles", "assistant,system,none,user"]);
    expect(withUser.report.totals.flagged).toBe(3);
  });

  it("ignores your own family with --ignore", async () => {
    const { report } = await scanJson(["chat.jsonl", "--ignore", "alibaba"]);
    expect(report.totals.flagged).toBe(2);
    expect(report.flaggedByFamily.alibaba).toBeUndefined();
  });

  it("counts a malformed line with its line number and goes on; --strict stops with exit 2", async () => {
    const { report, exitCode } = await scanJson(["broken.jsonl"]);
    expect(exitCode).toBe(0);
    expect(report.totals).toMatchObject({ records: 3, scanned: 2, errors: 1, flagged: 2 });
    expect(report.errors[0]).toMatchObject({ source: "broken.jsonl", record: 1, line: 2 });
    expect(report.errors[0]?.message).toMatch(/invalid JSON/);
    const strict = await run(["scan", "broken.jsonl", "--strict"], { cwd: dir });
    expect(strict.exitCode).toBe(2);
    expect(strict.stderr).toMatch(/broken\.jsonl line 2: invalid JSON/);
  });

  it("gates with --fail-above", async () => {
    expect((await run(["scan", "chat.jsonl", "--fail-above", "0.5", "-q"], { cwd: dir })).exitCode).toBe(0);
    const failed = await run(["scan", "chat.jsonl", "--fail-above", "0.1", "-q"], { cwd: dir });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/gate failed/);
    expect((await run(["scan", "chat.jsonl", "--fail-above", "lots"], { cwd: dir })).exitCode).toBe(2);
  });

  it("recurses directories, skipping hidden entries and non-data files", async () => {
    const { report } = await scanJson(["tree"]);
    expect(report.inputs.map((i) => i.source)).toEqual(["tree/a.jsonl"]);
  });

  it("reads stdin for -", async () => {
    const { report } = await scanJson(["-"], { cwd: dir, stdin: Readable.from([Buffer.from(jsonl)]) });
    expect(report.inputs[0]?.source).toBe("-");
    expect(report.totals.flagged).toBe(3);
  });

  it("fails with exit 2 and a clear message for a missing input, after scanning the others", async () => {
    const result = await run(["scan", "nope.jsonl"], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/nope\.jsonl/);
  });

  it("refuses an output file it cannot write before scanning, naming the flag", async () => {
    const hits = await run(["scan", "chat.jsonl", "--hits", "no/such/dir/h.jsonl"], { cwd: dir });
    expect(hits.exitCode).toBe(2);
    expect(hits.stderr).toMatch(
      /--hits .*no\/such\/dir\/h\.jsonl: cannot write( there)? \(no such directory\)/,
    );
    const json = await run(["scan", "chat.jsonl", "--json", "no/such/r.json"], { cwd: dir });
    expect(json.exitCode).toBe(2);
    expect(json.stdout).toBe("");
  });

  it("rejects unknown options and values with exit 2", async () => {
    expect((await run(["scan", "chat.jsonl", "--bogus"], { cwd: dir })).exitCode).toBe(2);
    const kinds = await run(["scan", "chat.jsonl", "--flag-kinds", "self-claim,nonsense"], { cwd: dir });
    expect(kinds.exitCode).toBe(2);
    expect(kinds.stderr).toMatch(/--flag-kinds nonsense/);
    const ignore = await run(["scan", "chat.jsonl", "--ignore", "nosuchvendor"], { cwd: dir });
    expect(ignore.exitCode).toBe(2);
    expect(ignore.stderr).toMatch(/unknown family/);
  });

  it("writes Markdown and a JSON report file", async () => {
    const result = await run(
      ["scan", "chat.jsonl", "--json", "r.json", "--markdown", "r.md", "--format", "markdown"],
      { cwd: dir },
    );
    expect(result.stdout).toMatch(/^\| language \| records \| flagged \| rate/m);
    expect(readFileSync(join(dir, "r.md"), "utf8")).toBe(result.stdout);
    expect(reportSchema.safeParse(JSON.parse(readFileSync(join(dir, "r.json"), "utf8"))).success).toBe(true);
  });

  it("stops after --limit records and marks the report incomplete", async () => {
    const { report } = await scanJson(["chat.jsonl", "--limit", "2"]);
    expect(report.totals.records).toBe(2);
    expect(report.complete).toBe(false);
  });

  it("teaches in --help", async () => {
    const result = await run(["scan", "--help"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/--ignore <family>/);
    expect(result.stdout).toMatch(/Examples:/);
  });
});

describe("selfid patterns", () => {
  it("explains which template matched, with family, kind and span", async () => {
    const result = await run(["patterns", "test", "我是通義千問，由阿里雲開發的AI助手。"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^self-claim alibaba \[zh\] "我是通義千問" at 0-6 \(template zh\/self-claim\/\d+\)/m,
    );
  });

  it("lists families and languages", async () => {
    const result = await run(["patterns", "list", "--json"]);
    const listed = JSON.parse(result.stdout) as {
      families: Array<{ family: string }>;
      langs: Array<{ lang: string }>;
    };
    expect(listed.families.map((f) => f.family)).toEqual(
      expect.arrayContaining(["openai", "alibaba", "deepseek"]),
    );
    expect(listed.langs.map((l) => l.lang)).toEqual(expect.arrayContaining(["en", "zh"]));
  });

  it("checks a user file and reports a failing example with exit 1, an invalid one with exit 2", async () => {
    const good = join(dir, "mine.yaml");
    writeFileSync(
      good,
      'family: acme\nvendor: Acme\nnames: [AcmeGPT]\nexamples:\n  positive: ["I\'m AcmeGPT, an AI assistant."]\n  negative: ["AcmeGPT is a product.", "I\'m AcmeGPT."]\n',
    );
    const checked = await run(["patterns", "check", good]);
    expect(checked.exitCode).toBe(1);
    expect(checked.stderr).toMatch(/mine\.yaml \(acme\) negative\[1\]: expected no acme claim/);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "family: Not An Id\nvendor: x\n");
    const invalid = await run(["patterns", "check", bad]);
    expect(invalid.exitCode).toBe(2);
    expect(invalid.stderr).toMatch(/bad\.yaml: family: family ids are lower-case/);
  });

  it("uses a user pattern file in a scan", async () => {
    writeFileSync(join(dir, "acme.yaml"), "family: acme\nvendor: Acme\nnames: [AcmeGPT]\n");
    writeFileSync(join(dir, "acme.jsonl"), `${JSON.stringify({ text: "Hi, I'm AcmeGPT." })}\n`);
    const { report } = await scanJson(["acme.jsonl", "--patterns", "acme.yaml"]);
    expect(report.flaggedByFamily).toEqual({ acme: 1 });
    expect(report.patternSet.id).toMatch(/^builtin\+.*acme\.yaml$/);
    expect(report.patternSet.hash).not.toBe((await scanJson(["acme.jsonl"])).report.patternSet.hash);
  });
});
