import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { formatHtml } from "../../src/report/format-html.js";
import { locateMatch } from "../../src/report/html/highlight.js";
import { type Report, reportSchema } from "../../src/report/report-schema.js";

const root = mkdtempSync(join(tmpdir(), "selfid-html-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Per document language: ordinary text, and rival self-introductions with their family. */
const CORPUS: Record<string, { filler: string[]; claims: string[]; records: number }> = {
  en: {
    records: 90,
    filler: [
      "The capital of France is Paris, a city known for its museums, its cafés and the long walks along the Seine.",
      "To reverse a list in Python, call items.reverse() to change it in place or use items[::-1] for a copy.",
      "Airport kiosks usually have the worst exchange rates, so withdraw cash from a bank machine when you land.",
    ],
    claims: [
      "Hello! I'm ChatGPT, a large language model trained by OpenAI.",
      "I'm Claude, an AI assistant made by Anthropic. How can I help you today?",
    ],
  },
  zh: {
    records: 60,
    filler: [
      "北京是中国的首都，有很多名胜古迹，比如故宫、天坛和长城，每年都吸引大量游客前来参观。",
      "做红烧肉的时候，先把五花肉焯水，再加冰糖炒出糖色，最后用小火慢慢炖一个小时。",
    ],
    claims: ["我是通义千问，由阿里云开发的AI助手。", "我是DeepSeek-V3，由深度求索公司开发的智能助手。"],
  },
  fr: {
    records: 30,
    filler: [
      "Paris est la capitale de la France et compte de nombreux musées célèbres, comme le Louvre et le musée d'Orsay.",
      "Pour réussir une pâte à crêpes, mélangez la farine et les œufs, puis ajoutez le lait petit à petit.",
    ],
    claims: [
      "Je suis Le Chat, un assistant conversationnel développé par Mistral AI.",
      "Je suis ChatGPT, un modèle de langage entraîné par OpenAI.",
    ],
  },
  de: {
    records: 28,
    filler: [
      "Berlin ist die Hauptstadt von Deutschland und hat viele Museen, Parks und eine lebendige Kulturszene.",
      "Für einen guten Kartoffelsalat kocht man die Kartoffeln mit Schale und schneidet sie noch warm in Scheiben.",
    ],
    claims: [
      "Ich bin ChatGPT, ein von OpenAI entwickeltes Sprachmodell.",
      "Ich bin Le Chat, ein KI-Assistent von Mistral AI.",
    ],
  },
  es: {
    records: 26,
    filler: [
      "Madrid es la capital de España y tiene muchos museos famosos, como el Prado y el Reina Sofía.",
      "Para hacer una buena tortilla de patatas, fríe las patatas a fuego lento y mézclalas con los huevos batidos.",
    ],
    claims: [
      "Soy Claude, un asistente de IA creado por Anthropic.",
      "Soy ChatGPT, un modelo de lenguaje desarrollado por OpenAI.",
    ],
  },
  ja: {
    records: 24,
    filler: [
      "東京は日本の首都で、たくさんの美術館や公園があり、一年中多くの観光客が訪れます。",
      "カレーを美味しく作るコツは、玉ねぎを飴色になるまでじっくり炒めることです。",
    ],
    claims: [
      "私はChatGPTです。OpenAIによって開発された大規模言語モデルです。",
      "私はAnthropicが開発したAIアシスタントのClaudeです。",
    ],
  },
  ru: {
    records: 22,
    filler: [
      "Москва — столица России, в городе много музеев, театров и больших парков для прогулок.",
      "Чтобы сварить вкусный борщ, сначала сварите бульон, а потом добавьте свёклу, капусту и картофель.",
    ],
    claims: [
      "Я GigaChat — нейросетевая модель, созданная Сбером.",
      "Я YandexGPT, языковая модель, разработанная Яндексом.",
      "Я ChatGPT, большая языковая модель, обученная OpenAI.",
    ],
  },
};

/** Escaping bait in the first file, so it is among the examples kept for openai. */
const HOSTILE =
  '<script>window.__pwned = 1</script> Hello! I\'m ChatGPT, trained by OpenAI. </textarea><img src="https://e.example/x.png"> & more';

/** Writes a multilingual corpus: one file per language (some gzipped), chat and plain-text shapes. */
function writeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "a-escape.jsonl"),
    `${JSON.stringify({
      messages: [
        { role: "user", content: "Who are you?" },
        { role: "assistant", content: HOSTILE },
      ],
    })}\n`,
  );
  for (const [lang, { filler, claims, records }] of Object.entries(CORPUS)) {
    const lines = Array.from({ length: records }, (_, i) => {
      const body = `${filler[i % filler.length]} ${filler[(i + 1) % filler.length]}`;
      const text = i % 4 === 1 ? `${claims[Math.floor(i / 4) % claims.length]} ${body}` : body;
      if (lang === "en" && i % 10 === 3) return "{broken json";
      if (lang === "en" && i % 15 === 7)
        return JSON.stringify({ text: `As an AI language model, I don't have opinions. ${body}` });
      return lang === "en" || lang === "zh"
        ? JSON.stringify({
            messages: [
              { role: "user", content: "?" },
              { role: "assistant", content: text },
            ],
          })
        : JSON.stringify({ text });
    });
    const content = `${lines.join("\n")}\n`;
    if (lang === "de" || lang === "ja") writeFileSync(join(dir, `${lang}.jsonl.gz`), gzipSync(content));
    else writeFileSync(join(dir, `${lang}.jsonl`), content);
  }
}

async function scan(args: string[], name: string, expectedExit = 0): Promise<Report> {
  const out = join(root, `${name}.json`);
  const result = await run(["scan", ...args, "--json", out, "-q"], { cwd: root });
  expect(result.exitCode, result.stderr).toBe(expectedExit);
  return reportSchema.parse(JSON.parse(readFileSync(out, "utf8")));
}

/** The opening tags of `tag` elements with `class` among their classes, as attribute maps. */
function elements(html: string, tag: string, cls: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))) {
    const attrs = Object.fromEntries(
      [...(m[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", decodeEntities(a[2] ?? "")]),
    );
    if ((attrs.class ?? "").split(" ").includes(cls)) found.push(attrs);
  }
  return found;
}

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

let report: Report;
let html: string;

beforeAll(async () => {
  writeCorpus(join(root, "corpus"));
  report = await scan(["corpus"], "corpus");
  html = formatHtml(report);
});

describe("formatHtml on a real multilingual scan", () => {
  it("scanned a corpus with several languages, families, examples and errors", () => {
    expect(Object.keys(report.languages).length).toBeGreaterThanOrEqual(6);
    for (const lang of ["en", "zh", "fr", "de", "es", "ja", "ru"])
      expect(report.languages[lang]).toBeDefined();
    expect(Object.keys(report.flaggedByFamily).length).toBeGreaterThanOrEqual(6);
    expect(report.totals.errors).toBeGreaterThan(0);
    expect(report.complete).toBe(true);
  });

  it("is one page with a charset, a title and the headline numbers", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    const t = report.totals;
    expect(html).toMatch(
      new RegExp(`<title>selfid: ${t.flagged} of ${t.scanned.toLocaleString("en-US")} records flagged`),
    );
    for (const [stat, value] of [
      ["records", t.records],
      ["scanned", t.scanned],
      ["flagged", t.flagged],
      ["errors", t.errors],
      ["hits", t.hits],
    ] as const) {
      expect(html).toMatch(
        new RegExp(`data-stat="${stat}"[\\s\\S]*?<div class="value">${value.toLocaleString("en-US")}</div>`),
      );
    }
    expect(html).toContain(`selfid ${report.tool.version}`);
    expect(html).toContain(report.patternSet.hash);
    expect(html).not.toContain("selfid-incomplete");
  });

  it("maps every document language × family to a cell carrying its counts and rate per million", () => {
    const cells = elements(html, "rect", "hm-cell");
    const languages = Object.keys(report.languages);
    const families = new Set(Object.values(report.languages).flatMap((l) => Object.keys(l.families)));
    expect(cells).toHaveLength(languages.length * families.size);
    for (const cell of cells) {
      const lang = report.languages[cell["data-lang"] ?? ""];
      expect(lang).toBeDefined();
      const count = lang?.families[cell["data-family"] ?? ""] ?? 0;
      expect(Number(cell["data-count"])).toBe(count);
      expect(Number(cell["data-records"])).toBe(lang?.records);
      expect(Number(cell["data-per-million"])).toBeCloseTo((count / (lang?.records ?? 1)) * 1e6, 0);
    }
    // Rows by records, most first; columns by flagged records, most first.
    const rowOrder = [...new Set(cells.map((c) => c["data-lang"]))];
    expect(rowOrder).toEqual(
      [...languages].sort(
        (a, b) =>
          (report.languages[b]?.records ?? 0) - (report.languages[a]?.records ?? 0) || (a < b ? -1 : 1),
      ),
    );
    const columnFlags = [...new Set(cells.map((c) => c["data-family"]))].map(
      (f) => report.flaggedByFamily[f ?? ""] ?? 0,
    );
    expect(columnFlags).toEqual([...columnFlags].sort((a, b) => b - a));
    expect(html).toContain('id="selfid-heatmap"');
  });

  it("puts the raw counts in each cell's hover text", () => {
    const zh = report.languages.zh;
    const alibaba = zh?.families.alibaba ?? 0;
    expect(alibaba).toBeGreaterThan(0);
    const perMillion = Math.round((alibaba / (zh?.records ?? 1)) * 1e6).toLocaleString("en-US");
    expect(html).toContain(
      `<title>zh × alibaba: ${alibaba} flagged of ${zh?.records} records (${perMillion} per million)</title>`,
    );
  });

  it("draws a bar per language with scanned, flagged and rate", () => {
    const rows = elements(html, "div", "bar-row").filter((r) => r["data-lang"] !== undefined);
    expect(rows.map((r) => r["data-lang"]).sort()).toEqual(Object.keys(report.languages).sort());
    for (const [lang, l] of Object.entries(report.languages)) {
      const rate = `${((l.flagged / l.records) * 100).toFixed(2)}%`;
      const text = `${l.records} scanned · ${l.flagged} flagged · ${l.flagged === 0 ? "0%" : rate}`;
      expect(html).toMatch(
        new RegExp(
          `data-lang="${lang}" data-records="${l.records}"[\\s\\S]*?<span class="bar-text">${text}</span>`,
        ),
      );
    }
  });

  it("lists findings by kind, by role and flagged records by family", () => {
    for (const [kind, n] of Object.entries(report.totals.hitsByKind)) {
      expect(html).toContain(`data-kind="${kind}" data-count="${n}"`);
    }
    expect(html).toMatch(/data-kind="disclaimer"[\s\S]*?not flagging/);
    for (const [role, n] of Object.entries(report.roles))
      expect(html).toContain(`data-role="${role}" data-count="${n}"`);
    for (const [family, n] of Object.entries(report.flaggedByFamily)) {
      expect(html).toContain(`data-family="${family}" data-count="${n}"`);
    }
  });

  it("marks each example's match inside its snippet", () => {
    const rows = [...html.matchAll(/<tr class="example"[^>]*data-match="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g)];
    expect(rows).toHaveLength(report.examples.length);
    rows.forEach((row, i) => {
      const example = report.examples[i];
      const marks = [...(row[2] ?? "").matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) =>
        decodeEntities(m[1] ?? ""),
      );
      expect(marks).toEqual([example?.match]);
      expect(decodeEntities(row[1] ?? "")).toBe(example?.match);
      expect(decodeEntities((row[2] ?? "").replace(/<[^>]+>/g, ""))).toContain(example?.source);
      expect(row[2]).toContain(example?.pattern);
    });
  });

  it("escapes snippets holding <script> and </textarea>", () => {
    const hostile = report.examples.find((e) => e.snippet.includes("<script>"));
    expect(hostile?.snippet).toContain("</textarea>");
    expect(html).not.toContain("<script>window.__pwned");
    expect(html).not.toContain("</textarea>");
    expect(html).not.toMatch(/<img/);
    expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt;");
    expect(html).toContain("&lt;/textarea&gt;&lt;img src=&quot;https://e.example/x.png&quot;&gt; &amp; more");
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it("loads no resource from the network", () => {
    const page = formatHtml(report).replaceAll("&quot;https://e.example/x.png&quot;", "");
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/\b(src|href|action|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(page).not.toMatch(/@import/i);
    expect(page).not.toMatch(/url\(/i);
    expect(page).toContain("default-src 'none'");
  });

  it("lists errors with source, record, line, byte offset and message, and the full count", () => {
    expect(html).toContain(`data-errors="${report.totals.errors}" data-shown="${report.errors.length}"`);
    const rows = [...html.matchAll(/<tr class="error">([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "");
    expect(rows).toHaveLength(report.errors.length);
    rows.forEach((row, i) => {
      const e = report.errors[i];
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
        decodeEntities((m[1] ?? "").replace(/<[^>]+>/g, "")),
      );
      expect(cells).toEqual([
        e?.source,
        e?.record?.toLocaleString("en-US") ?? "",
        e?.line?.toLocaleString("en-US") ?? "",
        e?.byteOffset?.toLocaleString("en-US") ?? "",
        e?.message,
      ]);
    });
  });

  it("lists every input in one open table when there are few", () => {
    expect(elements(html, "tr", "input")).toHaveLength(report.inputs.length);
    expect(html).not.toContain("<details");
  });
});

describe("formatHtml, other reports", () => {
  it("shows 20 inputs, failed and flagged first, and folds the rest into <details>", async () => {
    const dir = join(root, "many");
    mkdirSync(dir);
    for (let i = 0; i < 34; i++) {
      const claim = i % 5 === 2 ? " I'm Claude, an AI assistant made by Anthropic." : "";
      writeFileSync(
        join(dir, `part-${String(i).padStart(3, "0")}.jsonl`),
        `${JSON.stringify({ text: `Ordinary text about cooking pasta and boiling water.${claim}` })}\n`,
      );
    }
    writeFileSync(join(dir, "zz-corrupt.jsonl.gz"), gzipSync("x").subarray(0, 12));
    const many = await scan(["many"], "many", 2);
    const page = formatHtml(many);
    const [open, folded] = page.split('<details class="more-inputs"');
    const shown = elements(open ?? "", "tr", "input").map((r) => r["data-source"] ?? "");
    const rest = elements(folded ?? "", "tr", "input").map((r) => r["data-source"] ?? "");
    expect(shown).toHaveLength(20);
    expect(rest).toHaveLength(many.inputs.length - 20);
    expect(shown[0]).toBe("many/zz-corrupt.jsonl.gz");
    const flagged = many.inputs
      .filter((i) => i.flagged > 0)
      .map((i) => i.source)
      .sort();
    expect(shown.slice(1, 1 + flagged.length)).toEqual(flagged);
    expect(folded).toMatch(/<summary>15 more inputs<\/summary>/);
    expect(page).toContain('<span class="tag tag-bad">failed</span>');
  });

  it("marks an incomplete run in the title, the header and a banner", async () => {
    const limited = await scan(["corpus", "--limit", "25"], "limited");
    expect(limited.complete).toBe(false);
    const page = formatHtml(limited);
    expect(page).toMatch(/<title>[^<]*incomplete<\/title>/);
    expect(page).toContain('<span class="badge badge-incomplete" data-complete="false">incomplete</span>');
    expect(page).toMatch(
      /id="selfid-incomplete"[^>]*><strong>Incomplete:<\/strong> it was limited to 25 records/,
    );
  });

  it("shows the shard and options of the run", async () => {
    const shard = await scan(
      ["corpus", "--shard", "1/2", "--ignore", "openai", "--roles", "assistant"],
      "shard",
    );
    expect(shard.shard?.count).toBe(2);
    const page = formatHtml(shard);
    expect(page).toMatch(/<dt class="wide">shard<\/dt><dd class="wide">2 of 2 \(index 1\)/);
    expect(page).toMatch(/<dt>ignore<\/dt><dd><code>openai<\/code><\/dd>/);
    expect(page).toMatch(/<dt>roles<\/dt><dd><code>assistant<\/code><\/dd>/);
  });

  it("says so when nothing was flagged", async () => {
    const dir = join(root, "clean");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.jsonl"), `${JSON.stringify({ text: "Boil the pasta for ten minutes." })}\n`);
    const page = formatHtml(await scan(["clean"], "clean"));
    expect(page).toContain('id="selfid-heatmap" class="heatmap" data-languages="1" data-families="0"');
    expect(elements(page, "rect", "hm-cell")).toHaveLength(0);
    expect(page).toContain("No findings, so no examples.");
    expect(page).toContain("No errors");
  });
});

describe("locateMatch", () => {
  const pad = (n: number) => "x".repeat(n);

  it("finds the bracketed match the tally cut the snippet around", () => {
    const snippet = `…${pad(40)} I'm Claude ${pad(38)}[I'm Claude] and I'm Claude again${pad(60)}…`;
    expect(locateMatch(snippet, "I'm Claude")).toEqual({
      before: `…${pad(40)} I'm Claude ${pad(38)}`,
      match: "I'm Claude",
      after: ` and I'm Claude again${pad(60)}…`,
    });
  });

  it("in a plain snippet, prefers the occurrence 80 characters in", () => {
    const snippet = `…${pad(10)}ChatGPT${pad(63)}ChatGPT${pad(30)}`;
    const parts = locateMatch(snippet, "ChatGPT");
    expect(parts?.before).toBe(`…${pad(10)}ChatGPT${pad(63)}`);
    expect(parts?.after).toBe(pad(30));
  });

  it("in a short plain snippet, takes the occurrence whose context fits", () => {
    const snippet = `ChatGPT ${pad(100)} ChatGPT ${pad(20)}`;
    expect(locateMatch(snippet, "ChatGPT")?.before).toBe(`ChatGPT ${pad(100)} `);
  });

  it("returns nothing when the match is not in the snippet", () => {
    expect(locateMatch("nothing here", "ChatGPT")).toBeUndefined();
  });
});
