import { z } from "zod";
import { reportSchema } from "./report-schema.js";

/** Where the JSON Schema lives in the repository (and the npm package). */
export const REPORT_JSON_SCHEMA_PATH = "schema/report.schema.json";

/**
 * The report contract as a JSON Schema (draft 2020-12), generated from the zod schema so the two
 * cannot drift: `npm run schema` writes it, a test checks the committed file is current. It
 * describes what selfid accepts (zod's input side): fields added by a later version are allowed,
 * as they are by `selfid merge`.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(reportSchema, { io: "input", target: "draft-2020-12" });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: "urn:selfid:report:1",
    title: "selfid.report/1",
    description:
      "The JSON report of `selfid scan --json` and `selfid merge --json`: rival-model self-introductions found in a dataset, per language and family. Every count is a sum, so reports of shards merge exactly.",
    ...rest,
  };
}

/** The schema file's text: stable key order, two-space indent, final newline. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
