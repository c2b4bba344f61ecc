import { describe, expect, it } from "vitest";
import { requiredLiterals } from "../../src/match/required-literals.js";

/** A name slot as templates compile it. */
const NAME = "(?<name1>[\ue000\ue002])";

const sorted = (source: string) => requiredLiterals(source)?.sort() ?? null;

describe("requiredLiterals", () => {
  it("takes the alternatives of an anchor before a slot", () => {
    expect(sorted(`(?:我是|我叫)\\s*${NAME}`)).toEqual(["我叫", "我是"]);
    expect(sorted(`(?<![\\p{L}])i(?:'m| am)\\s+${NAME}`)).toEqual(["i am", "i'm"]);
  });

  it("joins literal runs across groups and optional parts it can spell out", () => {
    expect(sorted(`i (?:am|was) ${NAME}`)).toEqual(["i am ", "i was "]);
    expect(sorted(`colou?r ${NAME}`)).toEqual(["color ", "colour "]);
    expect(sorted("(?:ab){2}")).toEqual(["abab"]);
  });

  it("expands small character classes and gives up on large ones", () => {
    expect(sorted("[üu]ber")).toEqual(["uber", "über"]);
    expect(sorted("[a-z]ber")).toEqual(["ber"]);
    expect(sorted("[^x]ber")).toEqual(["ber"]);
    expect(sorted("\\d+ber")).toEqual(["ber"]);
  });

  it("gets nothing from optional parts, lookarounds and slot marks", () => {
    expect(requiredLiterals(`(?:hello )?${NAME}`)).toBeNull();
    expect(requiredLiterals(`(?:hello )*${NAME}`)).toBeNull();
    expect(requiredLiterals(`(?:hello ){0,2}${NAME}`)).toBeNull();
    expect(requiredLiterals(`(?<=hello )${NAME}(?= world)`)).toBeNull();
    expect(sorted(`a${NAME}bc`)).toEqual(["bc"]);
    expect(requiredLiterals("\ue000\ue001")).toBeNull();
  });

  it("is only as good as the weakest branch of an alternation", () => {
    expect(sorted(`(?:hello|world) ${NAME}`)).toEqual(["hello ", "world "]);
    expect(requiredLiterals(`(?:hello|\\w+) ${NAME}`)).toBeNull();
    expect(requiredLiterals("hello|x")).toBeNull();
  });

  it("drops literals of one character, except one CJK character", () => {
    expect(requiredLiterals(`x\\s${NAME}`)).toBeNull();
    expect(sorted(`我\\s${NAME}`)).toEqual(["我"]);
  });

  it("picks the most selective set of a sequence", () => {
    expect(sorted(`ab\\s+(?:made|built) by\\s*${NAME}`)).toEqual(["built by", "made by"]);
    expect(sorted("(?:ab)+c")).toEqual(["abc"]);
  });

  it("reads escapes as the characters they stand for", () => {
    expect(sorted("a\\.b\\u00fcc\\x41\\/")).toEqual(["a.büc\u0041/"]);
    expect(sorted("\\u{1f600}\\ud83d\\ude00")).toEqual(["😀😀"]);
    expect(sorted("a\\bb\\Bc")).toEqual(["abc"]);
  });

  it("gives no guarantee for syntax it does not know", () => {
    expect(requiredLiterals("(?i:abc)")).toBeNull();
    expect(requiredLiterals("(abc")).toBeNull();
    expect(requiredLiterals("abc\\")).toBeNull();
  });

  it("names literals that every match contains, for random regexes and texts (oracle)", () => {
    const random = mulberry32(7);
    const pickOne = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let groups = 0;
    // Groups get bounded quantifiers only: nested `*` can backtrack for minutes.
    const quantifiers = {
      atom: ["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "??"],
      group: ["", "?", "{2}"],
    };
    /** A random piece of regex, and which quantifiers may follow it. */
    const atom = (depth: number): [string, readonly string[]] => {
      const r = random();
      if (depth < 3 && r < 0.25) {
        const branches = Array.from({ length: 1 + Math.floor(random() * 3) }, () => sequence(depth + 1));
        return [`(${pickOne(["?:", "", `?<g${groups++}>`])}${branches.join("|")})`, quantifiers.group];
      }
      if (r < 0.3) return [pickOne(["(?=ab)", "(?!b)", "(?<=a)", "(?<!c)", "\\b", "^", "$"]), [""]];
      if (r < 0.4)
        return [
          pickOne(["[ab]", "[a-c]", "[^a]", "\\s", ".", "\\w", "[\ue000\ue001]", "[üu]"]),
          quantifiers.atom,
        ];
      return [pickOne(["a", "b", "c", " ", "ü", "ab", "ba", "abc", "cab"]), quantifiers.atom];
    };
    const sequence = (depth: number): string =>
      Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const [piece, allowed] = atom(depth);
        return piece + pickOne(allowed);
      }).join("");
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      const source = sequence(0);
      let regex: RegExp;
      try {
        regex = new RegExp(source, "gu");
      } catch {
        continue;
      }
      const literals = requiredLiterals(source);
      if (!literals) continue;
      for (let k = 0; k < 10; k++) {
        const text = Array.from({ length: 24 }, () => pickOne(["a", "b", "c", " ", "ü", "u", "\ue000"])).join(
          "",
        );
        for (const m of text.matchAll(regex)) {
          checked++;
          if (!literals.some((l) => m[0].includes(l))) {
            expect.fail(
              `/${source}/ matched ${JSON.stringify(m[0])} without any of ${JSON.stringify(literals)}`,
            );
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

/** A small seeded PRNG, so the random test is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
