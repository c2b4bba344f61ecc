import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import {
  escapeData,
  escapeProperty,
  githubAnnotations,
  githubGateErrors,
  githubSummaryNotice,
  workspacePath,
} from "../../src/report/format-github.js";
import { reportSchema } from "../../src/report/report-schema.js";
import { DEFAULT_FLAG_KINDS, type Hit } from "../../src/types.js";
import { startFakeHub } from "../helpers/fake-hub.js";

const root = mkdtempSync(join(tmpdir(), "selfid-github-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CLAIM_EN = "Hello! I'm ChatGPT, a large language model trained by OpenAI.";
const CLAIM_ZH = "我是通义千问，由阿里云开发的AI助手。";
const DISCLAIMER = "As an AI language model, I cannot browse the internet.";
const chat = (content: string) => ({
  messages: [
    { role: "user", content: "Who are you?" },
    { role: "assistant", content },
  ],
});
const jsonl = (records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;

/** The runner's side (ActionCommand.cs): `%25` last, so an escaped `%0A` stays literal. */
function runnerUnescape(text: string, property: boolean): string {
  let out = text.replace(/%0D/g, "\r").replace(/%0A/g, "\n");
  if (property) out = out.replace(/%3A/g, ":").replace(/%2C/g, ",");
  return out.replace(/%25/g, "%");
}

interface Command {
  name: string;
  properties: Record<string, string>;
  message: string;
}

/** Parses workflow-command lines as the runner does; fails on any other line. */
function parse(text: string): Command[] {
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
      if (!m) throw new Error(`not a workflow command: ${line}`);
      const properties: Record<string, string> = {};
      for (const pair of (m[2] ?? "").split(",").filter(Boolean)) {
        const eq = pair.indexOf("=");
        properties[pair.slice(0, eq)] = runnerUnescape(pair.slice(eq + 1), true);
      }
      return { name: m[1] as string, properties, message: runnerUnescape(m[3] as string, false) };
    });
}

async function scanHits(cwd: string, inputs: string[], stdin?: string): Promise<Hit[]> {
  const hitsFile = join(root, `hits-${Math.random().toString(36).slice(2)}.jsonl`);
  const result = await run(["scan", ...inputs, "--hits", hitsFile, "-q"], {
    cwd,
    ...(stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) }),
  });
  expect(result.stderr).toBe("");
  expect(result.exitCode).toBe(0);
  return readFileSync(hitsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Hit);
}

const repo = join(root, "repo");
const options = { workspace: repo, cwd: repo, flagKinds: DEFAULT_FLAG_KINDS };
let hits: Hit[];

beforeAll(async () => {
  mkdirSync(join(repo, "data"), { recursive: true });
  writeFileSync(join(repo, "data/chat.jsonl"), jsonl([chat(CLAIM_EN), chat("Paris."), chat(DISCLAIMER)]));
  writeFileSync(join(repo, "data/array.json"), JSON.stringify([chat("Fine."), chat(CLAIM_ZH)]));
  writeFileSync(join(repo, "data/packed.jsonl.gz"), gzipSync(jsonl([chat("Hi."), chat(CLAIM_EN)])));
  writeFileSync(join(repo, "data/we,ird:na%me.jsonl"), jsonl([chat(CLAIM_ZH)]));
  hits = await scanHits(repo, ["data"]);
});

describe("githubAnnotations on the hits of a scan", () => {
  it("annotates claims as errors and disclaimers as warnings, with file and line", () => {
    const commands = parse(githubAnnotations(hits, options));
    const chatLines = commands.filter((c) => c.properties.file === "data/chat.jsonl");
    expect(chatLines.map((c) => [c.name, c.properties.line, c.properties.title])).toEqual([
      ["error", "1", "selfid: openai self-claim"],
      ["warning", "3", "selfid: disclaimer"],
    ]);
    const claim = chatLines[0] as Command;
    expect(claim.message).toContain("self-claim of openai (en)");
    expect(claim.message).toContain("assistant text messages[1].content, record 0 (line 1)");
    expect(claim.message).toContain(`"I'm ChatGPT"`);
    expect(claim.message).toMatch(/pattern en\/self-claim\/\d+/);
    expect(chatLines[1]?.message).toContain("does not flag the record");
    // Errors before warnings, the notice last.
    const names = commands.map((c) => c.name);
    expect(names.lastIndexOf("error")).toBeLessThan(names.indexOf("warning"));
    expect(commands.at(-1)).toEqual({
      name: "notice",
      properties: { title: "selfid" },
      message: `${hits.length} findings, ${hits.length} annotated`,
    });
  });

  it("gives JSON-array hits a file-level annotation naming the record", () => {
    const array = parse(githubAnnotations(hits, options)).filter(
      (c) => c.properties.file === "data/array.json",
    );
    expect(array).toHaveLength(1);
    expect(array[0]?.properties).toEqual({ file: "data/array.json", title: "selfid: alibaba self-claim" });
    expect(array[0]?.message).toContain("record 1:");
    expect(array[0]?.message).toContain("我是通义千问");
  });

  it("gives no line in a compressed file, where GitHub cannot show it, but names it in the message", () => {
    const packed = parse(githubAnnotations(hits, options)).filter((c) => c.properties.file?.endsWith(".gz"));
    expect(packed).toHaveLength(1);
    expect(packed[0]?.properties.line).toBeUndefined();
    expect(packed[0]?.message).toContain("record 1 (line 2)");
  });

  it("escapes % , : in a path so the runner reads the name back exactly", () => {
    const text = githubAnnotations(hits, options);
    expect(text).toContain("file=data/we%2Cird%3Ana%25me.jsonl,line=1,title=selfid%3A alibaba self-claim::");
    const weird = parse(text).filter((c) => c.properties.file === "data/we,ird:na%me.jsonl");
    expect(weird).toHaveLength(1);
  });

  it("escapes %, CR and LF in a message, so data can never start a command of its own", () => {
    const hit = hits.find((h) => h.family === "openai") as Hit;
    const nasty = { ...hit, match: "50% off\r\n::set-output name=x::y %0A", field: "a:b,c" };
    const text = githubAnnotations([nasty], options);
    expect(text.split("\n")).toHaveLength(3);
    const [annotation] = parse(text);
    expect(annotation?.message).toContain(JSON.stringify(nasty.match));
    expect(annotation?.message).toContain("text a:b,c,");
  });

  it("names paths relative to the workspace from another cwd, for relative and absolute sources", async () => {
    const nested = { workspace: root, cwd: repo, flagKinds: DEFAULT_FLAG_KINDS };
    const relativeFiles = parse(githubAnnotations(hits, nested)).map((c) => c.properties.file);
    expect(relativeFiles).toContain("repo/data/chat.jsonl");
    const absolute = await scanHits(root, [join(repo, "data/chat.jsonl")]);
    expect(absolute[0]?.source).toBe(join(repo, "data/chat.jsonl"));
    const files = parse(githubAnnotations(absolute, nested)).map((c) => c.properties.file);
    expect(files).toEqual(["repo/data/chat.jsonl", "repo/data/chat.jsonl", undefined]);
  });

  it("leaves out files outside the workspace and says so in the notice", () => {
    const inside = { workspace: join(repo, "data"), cwd: repo, flagKinds: DEFAULT_FLAG_KINDS };
    expect(parse(githubAnnotations(hits, inside)).filter((c) => c.properties.file)).toHaveLength(hits.length);
    const elsewhere = { workspace: join(root, "other"), cwd: repo, flagKinds: DEFAULT_FLAG_KINDS };
    const commands = parse(githubAnnotations(hits, elsewhere));
    expect(commands).toHaveLength(1);
    expect(commands[0]?.message).toBe(
      `${hits.length} findings, 0 annotated; left out: ${hits.length} not in a file of the workspace (hf://, stdin or outside); --hits FILE lists every finding`,
    );
  });

  it("leaves out stdin", async () => {
    const piped = await scanHits(repo, ["-"], jsonl([chat(CLAIM_EN)]));
    expect(piped.map((h) => h.source)).toEqual(["-"]);
    const commands = parse(githubAnnotations(piped, options));
    expect(commands.map((c) => c.name)).toEqual(["notice"]);
    expect(commands[0]?.message).toMatch(/^1 finding, 0 annotated; left out: 1 not in a file/);
  });

  it("leaves out hf:// files", async () => {
    const hubDir = join(root, "hub");
    mkdirSync(hubDir);
    writeFileSync(join(hubDir, "train.jsonl"), jsonl([chat(CLAIM_EN)]));
    const hub = await startFakeHub({ repos: { "datasets/acme/chat": { revisions: { main: hubDir } } } });
    try {
      const hitsFile = join(root, "hub-hits.jsonl");
      const result = await run(["scan", "hf://datasets/acme/chat", "--hits", hitsFile, "-q"], {
        cwd: repo,
        env: { HF_ENDPOINT: hub.url },
      });
      expect(result.exitCode).toBe(0);
      const hubHits = readFileSync(hitsFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Hit);
      expect(hubHits[0]?.source).toMatch(/^hf:\/\/datasets\/acme\/chat/);
      expect(parse(githubAnnotations(hubHits, options)).map((c) => c.name)).toEqual(["notice"]);
    } finally {
      await hub.close();
    }
  });

  it("caps at the limit, keeping errors before warnings whatever the input order, and counts the rest", async () => {
    const records = [...Array(5).fill(chat(DISCLAIMER)), ...Array(8).fill(chat(CLAIM_EN))];
    writeFileSync(join(root, "many.jsonl"), jsonl(records));
    const many = await scanHits(root, ["many.jsonl"]);
    expect(many).toHaveLength(13);
    const commands = parse(githubAnnotations(many, { ...options, workspace: root, cwd: root, limit: 10 }));
    expect(commands.map((c) => c.name)).toEqual([...Array(8).fill("error"), "warning", "warning", "notice"]);
    expect(commands.slice(0, 8).map((c) => c.properties.line)).toEqual([
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
    ]);
    expect(commands.at(-1)?.message).toBe(
      "13 findings, 10 annotated; left out: 3 over the limit of 10; --hits FILE lists every finding",
    );
    const few = parse(githubAnnotations(many, { ...options, workspace: root, cwd: root, limit: 3 }));
    expect(few.map((c) => c.name)).toEqual(["error", "error", "error", "notice"]);
    // The default limit is 50.
    const fifty = [...Array(5)].flatMap(() => many);
    expect(parse(githubAnnotations(fifty, { ...options, workspace: root, cwd: root }))).toHaveLength(51);
  });

  it("takes the flagging kinds from the report's options", () => {
    const all = [...DEFAULT_FLAG_KINDS, "disclaimer" as const];
    const commands = parse(githubAnnotations(hits, { ...options, flagKinds: all }));
    expect(commands.filter((c) => c.name === "warning")).toEqual([]);
  });

  it("says there is nothing to annotate when there are no findings", () => {
    expect(githubAnnotations([], options)).toBe("::notice title=selfid::no findings to annotate\n");
  });
});

describe("the report and gate lines", () => {
  it("summarises the report's totals in one notice", async () => {
    const reportFile = join(root, "report.json");
    expect((await run(["scan", "data", "--json", reportFile, "-q"], { cwd: repo })).exitCode).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(reportFile, "utf8")));
    const [notice, ...rest] = parse(githubSummaryNotice(report));
    expect(rest).toEqual([]);
    expect(notice?.properties).toEqual({ title: "selfid" });
    expect(notice?.message).toMatch(
      /4 inputs .*, 8 records scanned, 4 flagged \(50\.00%\), 0 errors; findings: /,
    );
    expect(notice?.message).toContain("disclaimer 1 (not flagging)");
  });

  it("writes one gate error per message, escaped", () => {
    const text = githubGateErrors(["flagged rate 0.5 is above 0.1", "zh: 100%\nfailed"]);
    expect(text).toBe(
      "::error title=selfid gate::flagged rate 0.5 is above 0.1\n::error title=selfid gate::zh: 100%25%0Afailed\n",
    );
    expect(githubGateErrors([])).toBe("");
  });
});

describe("escaping and paths", () => {
  it("escapes as actions/toolkit does: % first, then CR, LF, and in properties : and ,", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext%3A a%2Cb");
    expect(escapeData("%0A")).toBe("%250A");
    for (const s of ["%0A%25", "a:b,c%", "\r\n\n%"]) {
      expect(runnerUnescape(escapeProperty(s), true)).toBe(s);
      expect(runnerUnescape(escapeData(s), false)).toBe(s);
    }
  });

  it("resolves sources against cwd and keeps only those inside the workspace", () => {
    expect(workspacePath("data/x.jsonl", "/w", "/w")).toBe("data/x.jsonl");
    expect(workspacePath("x.jsonl", "/w", "/w/sub")).toBe("sub/x.jsonl");
    expect(workspacePath("/w/a/x.jsonl", "/w", "/elsewhere")).toBe("a/x.jsonl");
    expect(workspacePath("../x.jsonl", "/w", "/w")).toBeNull();
    expect(workspacePath("..x/y.jsonl", "/w", "/w")).toBe("..x/y.jsonl");
    expect(workspacePath("/tmp/x.jsonl", "/w", "/w")).toBeNull();
    expect(workspacePath("-", "/w", "/w")).toBeNull();
    expect(workspacePath("hf://datasets/o/n/x.jsonl", "/w", "/w")).toBeNull();
  });
});
