import { z } from "zod";
import { HIT_KINDS } from "../types.js";

/**
 * The report contract, `selfid.report/1` (DESIGN §2). Every count is a sum over records, so the
 * reports of a sharded run merge exactly; rates are derived and recomputed on merge. Extend it only
 * by adding fields.
 */

const count = z.number().int().nonnegative();
const roleSchema = z.enum(["assistant", "system", "user", "tool", "none"]);
const kindSchema = z.enum(HIT_KINDS);

/** One finding kept as an example, with a snippet of its context. */
export const exampleSchema = z.object({
  source: z.string(),
  record: count,
  line: count.optional(),
  field: z.string(),
  role: roleSchema,
  family: z.string().nullable(),
  kind: kindSchema,
  lang: z.string(),
  match: z.string(),
  pattern: z.string(),
  snippet: z
    .string()
    .describe(
      'The match in brackets with up to 80 characters of context on each side, "…" where the text goes on: "…context [match] context…". The bracketed match starts within the first 82 characters.',
    ),
});
export type ReportExample = z.infer<typeof exampleSchema>;

/** A record or input that could not be read. */
export const errorEntrySchema = z.object({
  source: z.string(),
  record: count.optional(),
  line: count.optional(),
  byteOffset: count.optional(),
  message: z.string(),
});
export type ErrorEntry = z.infer<typeof errorEntrySchema>;

export const inputSummarySchema = z.object({
  source: z.string(),
  format: z.string(),
  compression: z.string(),
  bytes: count.describe("Bytes read from the source (compressed size for .gz/.zst)."),
  records: count.describe(
    "Records read: scanned + errors (an input that cannot be read to its end counts its unreadable rest as one record in error).",
  ),
  scanned: count,
  flagged: count,
  errors: count,
  hits: count,
  failed: z
    .boolean()
    .describe("The input could not be read to its end (unreadable file, corrupt compression)."),
});
export type InputSummary = z.infer<typeof inputSummarySchema>;

/** Per document language: the denominators that make rates comparable across languages. */
export const languageSummarySchema = z.object({
  records: count,
  flagged: count,
  rate: z.number().nonnegative().describe("flagged / records"),
  families: z
    .record(z.string(), count)
    .describe("Family → records of this language flagged with a claim of that family."),
});

export const reportSchema = z.object({
  schema: z.literal("selfid.report/1"),
  tool: z.object({ name: z.literal("selfid"), version: z.string() }),
  patternSet: z.object({ id: z.string(), hash: z.string(), templates: count, families: count }),
  options: z.object({
    roles: z.array(roleSchema),
    flagKinds: z.array(kindSchema),
    ignore: z.array(z.string()),
    fields: z.array(z.string()).nullable(),
    format: z.string().nullable(),
    textUnit: z.enum(["line", "file"]),
    limit: count.nullable(),
  }),
  shard: z
    .object({
      index: count,
      count: z.number().int().positive(),
      plan: z
        .string()
        .optional()
        .describe(
          "Identifies the task plan (files, sizes, byte ranges) the shards were cut from: shards of one run have the same, and merge refuses others.",
        ),
    })
    .optional()
    .describe(
      "Present on the report of one shard of a run (scan --shard I/N): shard index (0-based) of count. selfid merge of the reports of all count shards gives the report of one run over everything, without this field.",
    ),
  complete: z
    .boolean()
    .describe(
      "False when the run stopped early (interrupted, --limit, --strict), or, merged, when shards are missing.",
    ),
  inputs: z.array(inputSummarySchema),
  totals: z.object({
    records: count.describe(
      "Records read: scanned + errors (an input that cannot be read to its end counts its unreadable rest as one record in error).",
    ),
    scanned: count,
    flagged: count,
    errors: count,
    noText: count.describe("Scanned records with no text field found (unknown shape)."),
    hits: count,
    rate: z.number().nonnegative(),
    hitsByKind: z.record(kindSchema, count),
  }),
  languages: z
    .record(z.string(), languageSummarySchema)
    .describe("Document language (detected) → records scanned and flagged."),
  families: z
    .record(z.string(), z.record(z.string(), count))
    .describe("Family → hit language → hits (claims only; disclaimers and placeholders have no family)."),
  flaggedByFamily: z.record(z.string(), count).describe("Family → records flagged because of it."),
  roles: z.record(z.string(), count).describe("Role → hits."),
  examples: z
    .array(exampleSchema)
    .describe("A deterministic bounded sample: the first findings (by source, record) per family or kind."),
  errors: z
    .array(errorEntrySchema)
    .describe("The first errors (by source, record), bounded; the full count is in totals.errors."),
});

/** A `selfid.report/1` report. */
export type Report = z.infer<typeof reportSchema>;
