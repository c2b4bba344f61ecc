/**
 * selfid as a library: the same code the CLI runs.
 *
 * ```ts
 * import { scan, createMatcher, loadPatterns } from "selfid";
 * const { report } = await scan({ inputs: ["data/"], onHit: (hit) => console.log(hit) });
 * const matcher = createMatcher(loadPatterns());
 * matcher.match("我是通义千问，由阿里云开发的AI助手。", "assistant");
 * ```
 */
export { type CliResult, type RunOptions, run } from "./cli/run.js";
export { InputError, UsageError } from "./errors.js";
export { checkExamples, type ExampleFailure } from "./match/check-examples.js";
export { type LoadPatternsOptions, loadPatterns, type PatternSet } from "./match/load-patterns.js";
export { createMatcher, type Explanation, type Matcher, type MatcherOptions } from "./match/matcher.js";
export { normalizeText } from "./match/normalize.js";
export { githubAnnotations } from "./report/format-github.js";
export { formatHtml } from "./report/format-html.js";
export { formatMarkdown } from "./report/format-markdown.js";
export { formatTable } from "./report/format-table.js";
export { evaluateGates, type GateSpec, parseGateSpec } from "./report/gates.js";
export { diffReports, type ReportDiff, reportDiffSchema } from "./report/report-diff.js";
export { reportJsonSchema } from "./report/report-json-schema.js";
export {
  type ErrorEntry,
  type InputSummary,
  type Report,
  type ReportExample,
  reportSchema,
} from "./report/report-schema.js";
export { type ScanOptions, type ScanResult, scan } from "./scan.js";
export type { HubOptions } from "./sources/hub-client.js";
export * from "./types.js";
export { VERSION } from "./version.js";
