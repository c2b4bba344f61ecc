/**
 * A dataset repo on disk for the fake hub: the same chat records as JSONL, `.jsonl.gz` and
 * `.jsonl.zst`, with a README, `.gitattributes`, a hidden file and a non-data file beside them, and
 * a `refs/convert/parquet` revision laid out as the dataset viewer does.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const zstd = createRequire(import.meta.url)("zstd-napi") as { compress(data: Uint8Array): Buffer };

const CLAIMS = [
  { role: "assistant", content: "我是通义千问，由阿里云开发的AI助手。" },
  { role: "assistant", content: "Hello! I'm ChatGPT, a large language model trained by OpenAI." },
  { role: "assistant", content: "I was trained by Google, and I'm here to help." },
  { role: "assistant", content: "Claude Monet painted water lilies at Giverny for thirty years." },
  { role: "assistant", content: "2 + 2 = 4, and the sky is blue because of Rayleigh scattering." },
  { role: "assistant", content: "As an AI language model, I cannot browse the internet." },
];

/** `count` JSONL lines of chat records, a few of them claims; line 7 is not valid JSON. */
export function chatJsonl(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 7) {
      lines.push('{"messages": oops}');
      continue;
    }
    const claim = CLAIMS[i % CLAIMS.length] as (typeof CLAIMS)[number];
    lines.push(
      JSON.stringify({
        id: `r${i}`,
        messages: [
          { role: "user", content: `Question number ${i}: who are you, and what is ${i} times two?` },
          { role: "assistant", content: `${claim.content} (${i} × 2 = ${i * 2})` },
        ],
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The files of the fixture repo's `main`, by path. */
export function mainFiles(records = 1500): Record<string, Buffer> {
  const jsonl = Buffer.from(chatJsonl(records));
  const other = Buffer.from(chatJsonl(60));
  return {
    "data/train-00000.jsonl": jsonl,
    "data/train-00001.jsonl.gz": gzipSync(other),
    "data/more/train-00002.jsonl.zst": zstd.compress(other),
    "data/.hidden.jsonl": other,
    "data/notes.md": Buffer.from("I'm ChatGPT\n"),
    "README.md": Buffer.from("# a dataset\n"),
    ".gitattributes": Buffer.from("*.zst filter=lfs\n"),
  };
}

/** Writes `files` under `dir`. */
export function writeTree(dir: string, files: Record<string, Uint8Array>): void {
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}
