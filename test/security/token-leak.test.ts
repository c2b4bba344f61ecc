/**
 * The Hub token never leaves the process except in the Authorization header to the hub itself:
 * every scan below runs against a fake hub that quotes the header back in every error it sends,
 * and stdout, stderr and every file written are searched for the token in the forms it could take.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/run.js";
import type { HubClient } from "../../src/sources/hub-client.js";
import type { HubUri } from "../../src/sources/hub-uri.js";
import { type FakeHub, startFakeHub } from "../helpers/fake-hub.js";
import { mainFiles, writeTree } from "../helpers/hub-fixture.js";
import { makeTempDir } from "../records/stream-helpers.js";

const TOKEN = "hf_Zq7SeCrEtXv9Lm2Wt8Kp3Rj6Hn5Bd1Yc";
const WRONG = "hf_WrOnGtOkEn4Ux8Qs2Pf6Ld9Mh3Ka7Ge";

/** The token as it could show: whole, without its prefix, a middle stretch, base64, URL-encoded. */
function needles(token: string): string[] {
  const b64 = (s: string) => Buffer.from(s).toString("base64").replace(/=+$/, "");
  return [
    token,
    token.slice(3),
    token.slice(8, 24),
    b64(token),
    b64(`Bearer ${token}`),
    b64(`:${token}`),
    encodeURIComponent(token),
  ];
}
const NEEDLES = [...needles(TOKEN), ...needles(WRONG)];

/** Turned on by a test: the Hub listing fails with a bug's error that quotes the request. */
const crash = vi.hoisted(() => ({ on: false }));
vi.mock("../../src/sources/hub-list.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/sources/hub-list.js")>();
  return {
    ...actual,
    listHubFiles: (client: HubClient, uri: HubUri) => {
      if (!crash.on) return actual.listHubFiles(client, uri);
      const request = JSON.stringify({ headers: { authorization: `Bearer ${client.token}` } });
      throw new TypeError(`cannot read properties of a request ${request}`, {
        cause: new Error(`Authorization: Bearer ${client.token}`),
      });
    },
  };
});

let dir: string;
let cleanup: () => Promise<void>;
let hub: FakeHub;
let thirdParty: FakeHub;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  writeTree(join(dir, "repo"), mainFiles(60));
  thirdParty = await startFakeHub({ repos: {} });
  const revisions = { main: join(dir, "repo") };
  hub = await startFakeHub({
    repos: {
      "datasets/acme/secret": { private: true, revisions },
      // The server puts the header it got into a listing that is not JSON.
      "datasets/acme/garbled": {
        private: true,
        revisions,
        listing: () => `[{"type":"file","path":"a.jsonl" Authorization: Bearer ${TOKEN}`,
      },
      "datasets/acme/absurd": {
        private: true,
        revisions,
        listing: (items) => [...items, { type: "file", path: { token: TOKEN }, size: "huge" }],
      },
      // The listing sends its next page to another host.
      "datasets/acme/redirect": {
        private: true,
        revisions,
        nextPage: `${thirdParty.url}/api/datasets/acme/secret/tree/main?recursive=true`,
      },
    },
    token: TOKEN,
    pageSize: 4,
    echoAuthorization: true,
  });
});
afterAll(async () => {
  await hub.close();
  await thirdParty.close();
  await cleanup();
});
beforeEach(() => {
  hub.reset();
  crash.on = false;
});

/** Every file under `root`, hidden, partial and checkpoint files included. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

let runs = 0;

/**
 * Runs `selfid scan` in a fresh folder with every output turned on, and checks stdout, stderr and
 * every file it wrote for the token. Returns the run's result.
 */
async function scanWithEverything(
  input: string,
  {
    extra = [],
    env = {},
    format = "json",
  }: { extra?: string[]; env?: Record<string, string>; format?: string } = {},
) {
  const cwd = join(dir, `run-${++runs}`);
  writeTree(cwd, { ".keep": new Uint8Array() });
  const result = await run(
    [
      "scan",
      input,
      "--json",
      "r.json",
      "--hits",
      "h.jsonl",
      "--html",
      "r.html",
      "--markdown",
      "r.md",
      "--emit",
      "out",
      "--progress",
      "--progress-interval",
      "0.2",
      "--format",
      format,
      ...extra,
    ],
    { cwd, env: { HF_ENDPOINT: hub.url, ...env } },
  );
  const texts: Array<[string, string]> = [
    ["stdout", result.stdout],
    ["stderr", result.stderr],
    ...filesUnder(cwd).map((file): [string, string] => [file, readFileSync(file, "latin1")]),
  ];
  for (const [where, text] of texts) {
    for (const needle of NEEDLES) {
      expect(text.includes(needle), `${needle} in ${where}`).toBe(false);
    }
  }
  return { ...result, files: filesUnder(cwd).map((f) => f.slice(cwd.length + 1)) };
}

describe("the hub token never shows in output", () => {
  it("a successful scan with every output, through --token or HF_TOKEN, in every stdout format", async () => {
    const viaFlag = await scanWithEverything("hf://datasets/acme/secret", { extra: ["--token", TOKEN] });
    expect(viaFlag.exitCode).toBe(0);
    expect(viaFlag.files).toEqual(
      expect.arrayContaining(["r.json", "h.jsonl", "r.html", "r.md", "out/manifest.json"]),
    );
    expect(viaFlag.stderr).toMatch(/progress/);
    for (const format of ["github", "markdown"]) {
      const viaEnv = await scanWithEverything("hf://datasets/acme/secret/data", {
        env: { HF_TOKEN: TOKEN },
        format,
      });
      expect(viaEnv.exitCode).toBe(0);
    }
    // The token went to the hub, so the searches above would have found a leak.
    expect(hub.log.some((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("a wrong token, 401 and 403, whose error bodies quote it back", async () => {
    const denied = await scanWithEverything("hf://datasets/acme/secret", { extra: ["--token", WRONG] });
    expect(denied.exitCode).toBe(2);
    expect(denied.stderr).toMatch(/access denied \(401\) with the token given/);
    hub.inject({ on: "tree", status: 403 });
    const forbidden = await scanWithEverything("hf://datasets/acme/secret", { env: { HF_TOKEN: TOKEN } });
    expect(forbidden.exitCode).toBe(2);
    expect(forbidden.stderr).toMatch(/access denied \(403\)/);
    hub.inject({ on: "tree", status: 418, headers: { "X-Error-Message": "teapot" } });
    const odd = await scanWithEverything("hf://datasets/acme/secret", { env: { HF_TOKEN: TOKEN } });
    expect(odd.exitCode).toBe(2);
    expect(odd.stderr).toMatch(
      /unexpected response \(http 418: teapot \(you sent Authorization: Bearer hf_\*\*\*\)\)/,
    );
  });

  it("404s: a missing dataset, revision and file", async () => {
    for (const input of [
      "hf://datasets/acme/nothing",
      "hf://datasets/acme/secret@v9",
      "hf://datasets/acme/secret/data/nope.jsonl",
    ]) {
      const missing = await scanWithEverything(input, { env: { HF_TOKEN: TOKEN } });
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toMatch(/not found/);
    }
    // A file that is listed but then missing: the 404 comes from the download.
    hub.inject({
      on: "resolve",
      path: "train-00000.jsonl",
      status: 404,
      headers: { "X-Error-Code": "EntryNotFound" },
    });
    const gone = await scanWithEverything("hf://datasets/acme/secret", { env: { HF_TOKEN: TOKEN } });
    expect(gone.exitCode).toBe(2);
    expect(gone.stdout).toMatch(/path data\/train-00000\.jsonl not found \(404\)/);
  });

  it("429 and 500 until the retries run out, and connections dropped mid-file", async () => {
    hub.inject({ on: "tree", status: 429, times: 10, headers: { "Retry-After": "0" } });
    const limited = await scanWithEverything("hf://datasets/acme/secret", { env: { HF_TOKEN: TOKEN } });
    expect(limited.exitCode).toBe(2);
    expect(limited.stderr).toMatch(/rate limited \(429\) after 6 attempts/);
    hub.inject({ on: "resolve", path: ".gz", status: 500, times: 10, headers: { "Retry-After": "0" } });
    hub.inject({ on: "resolve", path: "train-00000.jsonl", dropAfter: 500 });
    hub.inject({ on: "resolve", path: ".zst", dropAfter: 10 });
    const failing = await scanWithEverything("hf://datasets/acme/secret", { env: { HF_TOKEN: TOKEN } });
    expect(failing.exitCode).toBe(2);
    expect(failing.stdout).toMatch(/server error \(500\) after 6 attempts/);
    expect(hub.log.filter((r) => r.range !== null).length).toBeGreaterThanOrEqual(2);
    const report = JSON.parse(readFileSync(join(dir, `run-${runs}`, "r.json"), "utf8"));
    expect(report.totals.records).toBeGreaterThan(60);
  });

  it("a listing that is not JSON, and one with absurd fields", async () => {
    const garbled = await scanWithEverything("hf://datasets/acme/garbled", { env: { HF_TOKEN: TOKEN } });
    expect(garbled.exitCode).toBe(2);
    expect(garbled.stderr).toMatch(/^selfid: hub datasets\/acme\/garbled@main: /);
    const absurd = await scanWithEverything("hf://datasets/acme/absurd", { extra: ["--token", TOKEN] });
    expect(absurd.exitCode).toBe(2);
    expect(absurd.stderr).toMatch(/the listing holds a file without a path; the hub's answer is malformed/);
  });

  it("an internal error (a bug) whose message, stack and cause quote the request", async () => {
    crash.on = true;
    const crashed = await scanWithEverything("hf://datasets/acme/secret", { extra: [`--token=${TOKEN}`] });
    expect(crashed.exitCode).toBe(2);
    expect(crashed.stderr).toMatch(/^selfid: internal error: TypeError: cannot read properties/);
    expect(crashed.stderr).toContain('"authorization":"Bearer hf_***"');
  });

  it("is not sent to another host that a listing's next page points at", async () => {
    const result = await scanWithEverything("hf://datasets/acme/redirect", { env: { HF_TOKEN: TOKEN } });
    // The other host has no such dataset: the input fails, without the token reaching it.
    expect(result.exitCode).toBe(2);
    expect(thirdParty.log.length).toBeGreaterThan(0);
    expect(thirdParty.log.every((r) => r.authorization === null)).toBe(true);
  });
});
