import { DEFAULT_FLAG_KINDS, type Finding, type Role } from "../types.js";
import type { PatternSet } from "./load-patterns.js";
import type { Matcher } from "./matcher.js";
import type { ExampleInput } from "./pattern-schema.js";

/** One example that did not behave as its file says. */
export interface ExampleFailure {
  /** `patterns/langs/en.yaml templates[2] positive[0]` */
  where: string;
  text: string;
  role: Role;
  expected: string;
  got: Finding[];
}

const FLAGGING = new Set(DEFAULT_FLAG_KINDS);

/**
 * Runs every example of the library (DESIGN §4): a template's positives must be matched by that
 * template, its negatives must flag nothing; a family's positives must produce a claim of that
 * family, its negatives none.
 */
export function checkExamples(set: PatternSet, matcher: Matcher): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const lang of set.langs.values()) {
    for (const template of lang.templates) {
      const defaultRole: Role = template.kind === "system-persona" ? "system" : "assistant";
      const where = `${template.file} templates[${template.index}] (${template.id})`;
      template.examples.positive.forEach((example, i) => {
        const { text, role, family } = unpack(example, defaultRole);
        const found = matcher.explain(text, role).findings;
        const own = found.filter((f) => f.pattern === template.id);
        const ok = own.length > 0 && (family === undefined || own.some((f) => f.family === family));
        if (!ok) {
          const expected = `a match of ${template.id}${family ? ` naming ${family}` : ""}`;
          failures.push({ where: `${where} positive[${i}]`, text, role, expected, got: found });
        }
      });
      template.examples.negative.forEach((example, i) => {
        const { text, role } = unpack(example, defaultRole);
        const found = matcher.explain(text, role).findings;
        if (found.some((f) => f.pattern === template.id || FLAGGING.has(f.kind))) {
          const expected = `no claim and no match of ${template.id}`;
          failures.push({ where: `${where} negative[${i}]`, text, role, expected, got: found });
        }
      });
    }
  }
  for (const family of set.families.values()) {
    const where = `${family.files.join(", ")} (${family.family})`;
    family.examples.positive.forEach((example, i) => {
      const { text, role } = unpack(example, "assistant");
      const found = matcher.match(text, role);
      if (!found.some((f) => f.family === family.family && FLAGGING.has(f.kind))) {
        failures.push({
          where: `${where} positive[${i}]`,
          text,
          role,
          expected: `a ${family.family} claim`,
          got: found,
        });
      }
    });
    family.examples.negative.forEach((example, i) => {
      const { text, role } = unpack(example, "assistant");
      const found = matcher.match(text, role);
      if (found.some((f) => f.family === family.family && FLAGGING.has(f.kind))) {
        failures.push({
          where: `${where} negative[${i}]`,
          text,
          role,
          expected: `no ${family.family} claim`,
          got: found,
        });
      }
    });
  }
  return failures;
}

function unpack(example: ExampleInput, defaultRole: Role): { text: string; role: Role; family?: string } {
  if (typeof example === "string") return { text: example, role: defaultRole };
  const out: { text: string; role: Role; family?: string } = {
    text: example.text,
    role: example.role ?? defaultRole,
  };
  if (example.family !== undefined) out.family = example.family;
  return out;
}
