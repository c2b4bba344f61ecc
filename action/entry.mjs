// The GitHub Action's entry (action.yml): inputs from SELFID_* variables → one `selfid scan` run with
// annotations on stdout, the Markdown summary appended to $GITHUB_STEP_SUMMARY and the step's
// outputs in $GITHUB_OUTPUT. Exits 0 after a scan, whatever the gate said: its exit code is the
// `exit-code` output, and the action's last step fails the job with it, after the report is uploaded.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/selfid.js", import.meta.url));
const RATE = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?`;
const LANG_RATE = new RegExp(`^(?:[\\w-]+=)?${RATE}$`, "i");
const FAMILY_RATE = new RegExp(`^[\\w.-]+=${RATE}$`, "i");

/** An input the action cannot use; the message names the input and what it expects. */
export class ActionInputError extends Error {}

/**
 * The `selfid scan` arguments and output files for the inputs in `env`: SELFID_PATHS (required;
 * one per line, or separated by spaces when on one line), SELFID_FAIL_ABOVE (`0.001`,
 * `zh=1e-4,en=0.001`), SELFID_FAIL_ABOVE_FAMILY (`openai=0,alibaba=0`), SELFID_BASELINE (an earlier
 * report), SELFID_FAIL_ON_NEW (`true`/`false`), SELFID_ARGS (more scan arguments, split at spaces),
 * SELFID_OUTPUT_DIR (default `$RUNNER_TEMP/selfid`). Throws {@link ActionInputError}.
 */
export function buildScan(env) {
  const paths = splitPaths(env.SELFID_PATHS ?? "");
  if (paths.length === 0) {
    throw new ActionInputError("paths: give at least one file, directory or glob to scan");
  }
  const dir = resolve(env.SELFID_OUTPUT_DIR || join(env.RUNNER_TEMP || ".", "selfid"));
  const files = {
    report: join(dir, "report.json"),
    html: join(dir, "report.html"),
    hits: join(dir, "hits.jsonl"),
    markdown: join(dir, "summary.md"),
  };
  const args = ["scan", ...paths, "--json", files.report, "--hits", files.hits, "--html", files.html];
  args.push("--markdown", files.markdown, "--format", "github", "--no-progress");
  for (const gate of splitList(env.SELFID_FAIL_ABOVE)) {
    if (!LANG_RATE.test(gate)) {
      throw new ActionInputError(
        `fail-above: ${gate}: expected a rate (0.001) or LANG=RATE (zh=1e-4), separated by commas`,
      );
    }
    args.push("--fail-above", gate);
  }
  for (const gate of splitList(env.SELFID_FAIL_ABOVE_FAMILY)) {
    if (!FAMILY_RATE.test(gate)) {
      throw new ActionInputError(
        `fail-above-family: ${gate}: expected FAMILY=RATE (openai=0), separated by commas`,
      );
    }
    args.push("--fail-above-family", gate);
  }
  const baseline = env.SELFID_BASELINE?.trim();
  if (baseline) args.push("--baseline", baseline);
  const failOnNew = (env.SELFID_FAIL_ON_NEW ?? "").trim().toLowerCase() || "false";
  if (failOnNew !== "true" && failOnNew !== "false") {
    throw new ActionInputError(`fail-on-new: ${env.SELFID_FAIL_ON_NEW}: expected true or false`);
  }
  if (failOnNew === "true") {
    if (!baseline) throw new ActionInputError("fail-on-new: true needs baseline (an earlier report JSON)");
    args.push("--fail-on-new");
  }
  args.push(...(env.SELFID_ARGS ?? "").split(/\s+/).filter(Boolean));
  return { args, dir, files };
}

/**
 * A `$GITHUB_OUTPUT` entry: `key=value`, or the heredoc form with a random delimiter when the value
 * has a line break (the delimiter must not occur in the value).
 */
export function outputEntry(key, value) {
  const text = String(value);
  if (!/[\r\n]/.test(text)) return `${key}=${text}\n`;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  return `${key}<<${delimiter}\n${text}\n${delimiter}\n`;
}

/** Runs the scan as the action does and returns the exit code the step itself should end with. */
export function main(env = process.env) {
  let plan;
  try {
    plan = buildScan(env);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    process.stdout.write(`::error title=selfid action::${error.message}\n`);
    return 2;
  }
  mkdirSync(plan.dir, { recursive: true });
  const outputs = { dir: plan.dir, ...plan.files };
  const scan = spawnSync(process.execPath, [BIN, ...plan.args], { stdio: "inherit", env });
  const exitCode = scan.status ?? 2;
  if (scan.error) process.stderr.write(`selfid action: could not run ${BIN}: ${scan.error.message}\n`);
  if (existsSync(plan.files.report)) {
    const { totals } = JSON.parse(readFileSync(plan.files.report, "utf8"));
    outputs.flagged = totals.flagged;
    outputs.rate = totals.rate;
  }
  if (env.GITHUB_STEP_SUMMARY && existsSync(plan.files.markdown)) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${readFileSync(plan.files.markdown, "utf8")}\n`);
  }
  outputs["exit-code"] = exitCode;
  if (env.GITHUB_OUTPUT) {
    const entries = Object.entries(outputs).map(([key, value]) => outputEntry(key, value));
    appendFileSync(env.GITHUB_OUTPUT, entries.join(""));
  }
  return 0;
}

function splitPaths(text) {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  // One path per line allows spaces in names; a single line is split at spaces.
  const items = lines.filter(Boolean).length > 1 ? lines : text.split(/\s+/);
  return items.filter(Boolean);
}

function splitList(text) {
  return (text ?? "")
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
