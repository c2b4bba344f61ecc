import { z } from "zod";
import { HIT_KINDS } from "../types.js";
import { PATTERN_LIMITS as LIMITS } from "./pattern-limits.js";

/**
 * The pattern library's file formats (DESIGN §4), validated with zod at load time. Three kinds of
 * YAML file live in `patterns/`: one per family (`families/*.yaml`), one per language
 * (`langs/*.yaml`) and one shared file (`common.yaml`). User files given with `--patterns` use the
 * same formats and are merged by family id and language code.
 */

const ROLES = ["assistant", "system", "user", "tool", "none"] as const;

/** A non-empty string of at most {@link LIMITS.stringChars} characters. */
const text = () =>
  z.string().min(1).max(LIMITS.stringChars, `longer than the limit of ${LIMITS.stringChars} characters`);

/** A list of at most `max` items. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, `more than the limit of ${max} entries`);

/** A name or creator string: a literal, or a regex source written for normalized (lower-case) text. */
export const termSchema = z.union([
  text(),
  z
    .object({
      /** Literal, written as the vendor writes it; matched case-insensitively after NFKC. */
      text: text().optional(),
      /** Regex source over normalized text (lower case, NFKC, simplified Chinese). */
      regex: text().optional(),
      /**
       * Also a common word, a person's name or another product (Spark, 豆包, Nova…): counts only
       * with an AI role noun or one of the family's creators nearby. `text`: ambiguous only in
       * role-less and user text; in an assistant or system turn the speaker is a model, so
       * "I'm Claude" counts there as it stands.
       * @default false
       */
      ambiguous: z.union([z.boolean(), z.literal("text")]).optional(),
      /**
       * `exact`: the text must also match the literal's capitalisation ("Grok", not the verb "grok").
       * @default "any"
       */
      case: z.enum(["any", "exact"]).optional(),
      /**
       * Accept a version tail after the literal (`Qwen2.5-72B-Instruct`, `DeepSeek-V3`).
       * @default false
       */
      version: z.boolean().optional(),
      note: z.string().optional(),
    })
    .strict()
    .refine((t) => (t.text === undefined) !== (t.regex === undefined), {
      message: "give exactly one of text or regex",
    }),
]);
export type TermInput = z.infer<typeof termSchema>;

/** An example sentence; a bare string is tested as assistant text. */
export const exampleSchema = z.union([
  text(),
  z
    .object({
      text: text(),
      role: z.enum(ROLES).optional(),
      /** For positives: the family the first hit must name. */
      family: z.string().optional(),
    })
    .strict(),
]);
export type ExampleInput = z.infer<typeof exampleSchema>;

const examplesSchema = z
  .object({
    positive: list(exampleSchema, LIMITS.examples).default([]),
    negative: list(exampleSchema, LIMITS.examples).default([]),
  })
  .strict();

const familyId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "family ids are lower-case letters, digits and dashes");

/** `families/<id>.yaml`: who a vendor's models are and who made them. */
export const familyFileSchema = z
  .object({
    family: familyId,
    vendor: z.string().min(1),
    names: list(termSchema, LIMITS.terms).default([]),
    creators: list(termSchema, LIMITS.terms).default([]),
    examples: examplesSchema.default({ positive: [], negative: [] }),
    note: z.string().optional(),
  })
  .strict();
export type FamilyFile = z.infer<typeof familyFileSchema>;

/** A frame that turns a template match into a non-claim (negation, question, usage, comparison). */
export const blockerSchema = z
  .object({
    /**
     * Which text the regex is tested on: `before` (sentence start → match start), `after` (match
     * end → sentence end), `sentence` (the whole sentence) or `match` (the matched text).
     */
    scope: z.enum(["before", "after", "sentence", "match"]),
    regex: text(),
    /** Only for these kinds; @default every kind */
    kinds: z.array(z.enum(HIT_KINDS)).optional(),
    note: z.string().optional(),
  })
  .strict();
export type BlockerInput = z.infer<typeof blockerSchema>;

/** A self-introduction frame with `{name}` and/or `{creator}` slots. */
export const templateSchema = z
  .object({
    kind: z.enum(HIT_KINDS),
    /**
     * Regex source over normalized text. Slots: `{name}`, `{creator}`, `{noun}` (the language's
     * AI role nouns), and any macro of the language file or of common.yaml.
     */
    regex: text(),
    /** Roles whose text this template reads. @default ["system"] for system-persona, else all roles */
    roles: z.array(z.enum(ROLES)).optional(),
    note: z.string().optional(),
    examples: examplesSchema.refine((e) => e.positive.length > 0 && e.negative.length > 0, {
      message: "every template needs at least one positive and one negative example",
    }),
  })
  .strict();
export type TemplateInput = z.infer<typeof templateSchema>;

const macroName = z.string().regex(/^[a-z][a-z0-9_]*$/, "macro names are lower-case identifiers");

/** Macros by name, at most {@link LIMITS.macros} of them. */
const macrosSchema = z
  .record(
    macroName,
    z.string().max(LIMITS.stringChars, `longer than the limit of ${LIMITS.stringChars} characters`),
  )
  .refine((m) => Object.keys(m).length <= LIMITS.macros, `more than the limit of ${LIMITS.macros} macros`);

/** `langs/<code>.yaml`: the self-introduction grammar of one language. */
export const langFileSchema = z
  .object({
    lang: z.string().regex(/^[a-z]{2,3}$/, "an ISO 639-1 code"),
    name: z.string().min(1),
    /** AI role nouns (regex sources): assistant, language model, 助手… */
    nouns: list(text(), LIMITS.words).default([]),
    macros: macrosSchema.default({}),
    /** Literal words that let name-less templates (disclaimers) past the prefilter. */
    keywords: list(text(), LIMITS.words).default([]),
    templates: list(templateSchema, LIMITS.templates).default([]),
    blockers: list(blockerSchema, LIMITS.templates).default([]),
    note: z.string().optional(),
  })
  .strict();
export type LangFile = z.infer<typeof langFileSchema>;

/** `common.yaml`: macros, nouns, blockers and placeholder tokens shared by every language. */
export const commonFileSchema = z
  .object({
    macros: macrosSchema.default({}),
    nouns: list(text(), LIMITS.words).default([]),
    blockers: list(blockerSchema, LIMITS.templates).default([]),
    /** Unfilled template tokens (`{{name}}`, `<NAME>`): they fill the name and creator slots. */
    placeholders: list(text(), LIMITS.words).default([]),
    note: z.string().optional(),
  })
  .strict();
export type CommonFile = z.infer<typeof commonFileSchema>;
