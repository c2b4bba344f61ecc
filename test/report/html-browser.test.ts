import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { formatHtml } from "../../src/report/format-html.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";
import { HIT_KINDS } from "../../src/types.js";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const REQUIRED = process.env.SELFID_REQUIRE_BROWSER === "1";
const TIMEOUT = 60_000;
const repo = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = join(repo, "test-artifacts");

/** Bait: the page must show it as text and run none of it. */
const HOSTILE =
  '<script>window.__pwned = 1</script> Hello! I\'m ChatGPT, trained by OpenAI. </textarea><img src="https://e.example/x.png"> & more';

describe.skipIf(!HAS_CHROMIUM && !REQUIRED)("the HTML report in Chromium", () => {
  const root = mkdtempSync(join(tmpdir(), "selfid-html-browser-"));
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!HAS_CHROMIUM) {
      throw new Error(
        `SELFID_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist: install Debian's chromium package (apt-get install chromium), or unset SELFID_REQUIRE_BROWSER to skip the browser tests`,
      );
    }
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A fresh context on the page written to a file, with every request and console error recorded. */
  async function open(report: Report, name: string) {
    if (browser === undefined) throw new Error("no browser");
    const path = join(root, `${name}.html`);
    writeFileSync(path, formatHtml(report));
    const url = pathToFileURL(path).href;
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    await context.route("**/*", (route) =>
      route.request().url() === url ? route.continue() : route.abort(),
    );
    const page: Page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(url, { waitUntil: "load" });
    return { page, context, url, requests, problems };
  }

  it(
    "renders a real scan: heatmap cells, marked matches, no request but its own file",
    async () => {
      const corpus = join(root, "corpus");
      cpSync(join(repo, "examples"), corpus, { recursive: true });
      writeFileSync(
        join(corpus, "a-hostile.jsonl"),
        `${JSON.stringify({
          messages: [
            { role: "user", content: "Who are you?" },
            { role: "assistant", content: HOSTILE },
          ],
        })}\n`,
      );
      const result = await run(["scan", "corpus", "--json", "report.json", "-q"], { cwd: root });
      expect(result.exitCode, result.stderr).toBe(0);
      const report = reportSchema.parse(JSON.parse(readFileSync(join(root, "report.json"), "utf8")));
      const { page, context, url, requests, problems } = await open(report, "report");
      try {
        await expectHeatmap(page, report);
        const marks = page.locator("#selfid-examples mark");
        expect(await marks.count()).toBe(report.examples.length);
        expect(await marks.allTextContents()).toEqual(report.examples.map((e) => e.match));
        expect(await marks.filter({ visible: true }).count()).toBe(report.examples.length);
        const hostile = page.locator("tr.example", { hasText: "window.__pwned" });
        expect(await hostile.locator(".snippet").textContent()).toContain(
          "<script>window.__pwned = 1</script>",
        );
        expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
        expect(await page.locator("img, iframe, link, object, embed").count()).toBe(0);
        expect(await page.locator(".bars.language-bars .bar-row").count()).toBe(
          Object.keys(report.languages).length,
        );
        await page.screenshot({ path: join(artifacts, "html-report.png"), fullPage: true });
        expect(requests).toEqual([url]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );

  it(
    "stays readable with 120 inputs, 24 languages and 16 families",
    async () => {
      const report = reportSchema.parse(largeReport());
      const { page, context, url, requests, problems } = await open(report, "large");
      try {
        await expectHeatmap(page, report);
        expect(await page.locator("#selfid-incomplete").isVisible()).toBe(true);
        expect(await page.locator("#selfid-inputs tbody tr").count()).toBe(20);
        const folded = page.locator("#selfid-inputs-rest tbody tr");
        expect(await folded.count()).toBe(100);
        expect(await folded.first().isVisible()).toBe(false);
        await page.locator("#selfid-more-inputs summary").click();
        expect(await folded.first().isVisible()).toBe(true);
        await page.locator("#selfid-more-inputs summary").click();
        expect(await folded.first().isVisible()).toBe(false);
        // The page's one script, allowed by its hash, opens folded sections for printing.
        await page.evaluate(() =>
          (globalThis as unknown as EventTarget).dispatchEvent(new Event("beforeprint")),
        );
        expect(await folded.first().isVisible()).toBe(true);
        // Every family label is drawn inside the grid, none overlapping the next.
        const labels = await page
          .locator(".hm-family")
          .evaluateAll((els) =>
            els
              .map((el) => el.getBoundingClientRect())
              .map((r) => ({ x: r.x, width: r.width, height: r.height })),
          );
        expect(labels).toHaveLength(16);
        for (const [i, label] of labels.entries()) {
          expect(label.height).toBeGreaterThan(0);
          if (i > 0) expect(label.x).toBeGreaterThan(labels[i - 1]?.x ?? 0);
        }
        await page.screenshot({ path: join(artifacts, "html-report-large.png"), fullPage: true });
        expect(requests).toEqual([url]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});

/** Every language × family cell is drawn, with a box, its counts in the hover text. */
async function expectHeatmap(page: Page, report: Report): Promise<void> {
  const languages = Object.keys(report.languages);
  const families = new Set(Object.values(report.languages).flatMap((l) => Object.keys(l.families)));
  const cells = page.locator("#selfid-heatmap rect.hm-cell");
  expect(await cells.count()).toBe(languages.length * families.size);
  expect(await cells.filter({ visible: true }).count()).toBe(languages.length * families.size);
  const first = await cells.first().boundingBox();
  expect(first?.width).toBeGreaterThan(10);
  expect(first?.height).toBeGreaterThan(10);
  const [lang, family] = [
    await cells.first().getAttribute("data-lang"),
    await cells.first().getAttribute("data-family"),
  ];
  const count = report.languages[lang ?? ""]?.families[family ?? ""] ?? 0;
  const records = report.languages[lang ?? ""]?.records ?? 0;
  expect(await cells.first().locator("title").textContent()).toBe(
    `${lang} × ${family}: ${count.toLocaleString("en-US")} flagged of ${records.toLocaleString("en-US")} records (${Math.round((count / records) * 1e6).toLocaleString("en-US")} per million)`,
  );
  await cells.first().hover();
}

/** A schema-valid report of a big run, built from a seeded generator: the numbers add up. */
function largeReport(): unknown {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const LANGS = ["en", "zh", "es", "fr", "de", "ja", "ru", "pt", "it", "ko", "ar", "hi"];
  LANGS.push("tr", "vi", "id", "nl", "pl", "uk", "fa", "th", "sv", "cs", "he", "el");
  const FAMILIES = ["openai", "anthropic", "google", "alibaba", "deepseek", "meta", "mistral", "moonshot"];
  FAMILIES.push("zhipu", "baidu", "bytedance", "tencent", "xai", "microsoft", "sber", "yandex");
  const languages: Record<
    string,
    { records: number; flagged: number; rate: number; families: Record<string, number> }
  > = {};
  const families: Record<string, Record<string, number>> = {};
  const flaggedByFamily: Record<string, number> = {};
  LANGS.forEach((lang, l) => {
    const records = Math.round(4_000_000 / 1.45 ** l) + 137;
    const byFamily: Record<string, number> = {};
    FAMILIES.forEach((family, f) => {
      if (random() < 0.45 + 0.3 / (1 + f)) return;
      const n = Math.round(records * 0.002 * random() ** 3 * (1 + 3 / (1 + f)));
      if (n === 0) return;
      byFamily[family] = n;
      flaggedByFamily[family] = (flaggedByFamily[family] ?? 0) + n;
      families[family] = { ...families[family], [lang]: n };
    });
    const flagged = Object.values(byFamily).reduce((a, b) => a + b, 0);
    languages[lang] = { records, flagged, rate: flagged / records, families: byFamily };
  });
  for (const family of FAMILIES) {
    if (flaggedByFamily[family] === undefined) {
      flaggedByFamily[family] = 1;
      families[family] = { ...families[family], el: 1 };
      const el = languages.el;
      if (el !== undefined) {
        el.families[family] = 1;
        el.flagged += 1;
        el.rate = el.flagged / el.records;
      }
    }
  }
  const scanned = Object.values(languages).reduce((n, l) => n + l.records, 0);
  const flagged = Object.values(languages).reduce((n, l) => n + l.flagged, 0);
  const errors = 57;
  const split = (total: number, i: number) => Math.floor(total / 120) + (i === 0 ? total % 120 : 0);
  const hits = flagged + 4_211;
  const inputs = Array.from({ length: 120 }, (_, i) => ({
    source: `hf://datasets/acme/big-sft/data/train-${String(i).padStart(5, "0")}-of-00120.parquet`,
    format: "parquet",
    compression: "none",
    bytes: 250_000_000 + i * 1_234_567,
    records: split(scanned, i) + (i < errors ? 1 : 0),
    scanned: split(scanned, i),
    flagged: split(flagged, i),
    errors: i < errors ? 1 : 0,
    hits: split(hits, i),
    failed: i === 7,
  }));
  const examples = FAMILIES.slice(0, 10).map((family, i) => ({
    source: inputs[i * 7]?.source ?? "",
    record: 1000 + i,
    field: "messages[2].content",
    role: "assistant",
    family,
    kind: "self-claim",
    lang: "en",
    match: `I am ${family}-bot`,
    pattern: "en/self-claim/1",
    snippet: `…${"Some earlier text of the answer, long enough to be cut. ".repeat(2).slice(0, 80)}[I am ${family}-bot], and again: I am ${family}-bot. How can I help you today?`,
  }));
  const errorEntries = Array.from({ length: 12 }, (_, i) => ({
    source: inputs[i]?.source ?? "",
    record: 40 + i,
    message: `parquet ${inputs[i]?.source}: row ${40 + i}: expected a string in column "messages"`,
  }));
  return {
    schema: "selfid.report/1",
    tool: { name: "selfid", version: "0.1.0" },
    patternSet: { id: "builtin", hash: "f".repeat(64), templates: 511, families: 79 },
    options: {
      roles: ["assistant", "system", "none"],
      flagKinds: ["self-claim", "creator-claim", "basis-claim", "system-persona"],
      ignore: ["acme"],
      fields: null,
      format: null,
      textUnit: "line",
      limit: null,
    },
    shard: { index: 3, count: 8, plan: "9c1d2e3f" },
    complete: false,
    inputs,
    totals: {
      records: scanned + errors,
      scanned,
      flagged,
      errors,
      noText: 12,
      hits,
      rate: flagged / scanned,
      hitsByKind: Object.fromEntries(
        HIT_KINDS.map((kind, i) => [kind, i === 0 ? flagged : i < 4 ? 700 - i * 100 : 3000 - i * 200]),
      ),
    },
    languages,
    families,
    flaggedByFamily,
    roles: { assistant: hits - 900, system: 800, none: 100 },
    examples,
    errors: errorEntries,
  };
}
