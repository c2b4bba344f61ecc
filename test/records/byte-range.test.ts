import { describe, expect, it } from "vitest";
import { linesInRange } from "../../src/records/byte-range.js";
import { prng } from "../helpers/prng.js";

async function cut(
  file: Buffer,
  start: number,
  end: number,
  chunk: number,
): Promise<{ text: string; first: number }> {
  const from = Math.max(0, start - 1);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = from; i < file.length; i += chunk) yield file.subarray(i, Math.min(file.length, i + chunk));
  }
  const parts: Buffer[] = [];
  let first = -1;
  let lines = -1;
  const onStart = (offset: number) => {
    first = offset;
  };
  for await (const part of linesInRange(chunks(), { start, end }, onStart, (n) => (lines = n)))
    parts.push(Buffer.from(part));
  const text = Buffer.concat(parts).toString("latin1");
  // The line count is that of the text kept: its newlines, and a last line without one.
  expect(lines).toBe(text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
  return { text, first };
}

describe("linesInRange", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`splits file ${seed} into ranges whose lines, in order, are the file's (random cuts and chunk sizes)`, async () => {
      const rand = prng(seed);
      const lines: string[] = [];
      for (let i = 0; i < 60; i++) lines.push("x".repeat(Math.floor(rand() * 40)));
      const text = `${lines.join(rand() < 0.5 ? "\n" : "\r\n")}${rand() < 0.5 ? "\n" : ""}`;
      const file = Buffer.from(text, "latin1");
      const cuts = [0];
      while ((cuts.at(-1) as number) < file.length)
        cuts.push((cuts.at(-1) as number) + 1 + Math.floor(rand() * 50));
      cuts[cuts.length - 1] = file.length;
      let joined = "";
      for (let i = 0; i + 1 < cuts.length; i++) {
        const start = cuts[i] as number;
        const { text: part, first } = await cut(
          file,
          start,
          cuts[i + 1] as number,
          1 + Math.floor(rand() * 17),
        );
        if (part.length > 0) {
          // The first line kept starts where the reader says, and at a line start of the file.
          expect(first).toBe(joined.length);
          expect(first === 0 || text[first - 1] === "\n").toBe(true);
        }
        joined += part;
      }
      expect(joined).toBe(text);
    });
  }

  it("keeps a line that starts exactly at the range start, and one that crosses the end", async () => {
    const file = Buffer.from("aa\nbb\ncc\n");
    expect((await cut(file, 3, 4, 2)).text).toBe("bb\n");
    expect((await cut(file, 0, 3, 2)).text).toBe("aa\n");
    expect((await cut(file, 1, 3, 2)).text).toBe("");
    expect((await cut(file, 4, 9, 2)).text).toBe("cc\n");
  });
});
