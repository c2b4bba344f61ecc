#!/usr/bin/env node
// Writes schema/report.schema.json from the report's zod schema (run `npm run build` first, as
// `npm run schema` does). With --check, writes nothing and exits 1 when the file is not current.
import { readFileSync, writeFileSync } from "node:fs";
import { REPORT_JSON_SCHEMA_PATH, reportJsonSchemaText } from "../dist/report/report-json-schema.js";

const file = new URL(`../${REPORT_JSON_SCHEMA_PATH}`, import.meta.url);
const text = reportJsonSchemaText();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${REPORT_JSON_SCHEMA_PATH} is not current: run npm run schema and commit it`);
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`wrote ${REPORT_JSON_SCHEMA_PATH}`);
}
