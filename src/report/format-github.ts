import { isAbsolute, relative, resolve, sep } from "node:path";
import { compressionOf } from "../decode/compression-of.js";
import { isHubUri } from "../sources/hub-uri.js";
import type { Hit, HitKind } from "../types.js";
import { formatCount, headline, kindsLine } from "./format-table.js";
import type { Report } from "./report-schema.js";

/**
 * `--format github`: findings as GitHub Actions workflow commands (`::error file=…,line=…::…`), which
 * the runner turns into annotations on the files of the repository. Pure: hits and a report in,
 * text out; the paths are only computed, never touched.
 */

/** What an annotation needs of a finding: a hit, or a report's example (merge, report). */
export type AnnotatedFinding = Omit<Hit, "start" | "end" | "line"> & { line?: number | undefined };

/** Options of {@link githubAnnotations} and {@link createGithubAnnotator}. */
export interface GithubAnnotationOptions {
  /** The repository's root (`GITHUB_WORKSPACE`): annotation paths are relative to it. */
  workspace: string;
  /** The directory relative sources were given from (the scan's cwd). */
  cwd: string;
  /** Kinds that flag a record (`report.options.flagKinds`): `::error`; other kinds are `::warning`. */
  flagKinds: readonly HitKind[];
  /**
   * Most annotations written; the others are counted in the closing notice. GitHub turns only 10
   * errors and 10 warnings per step into annotations (50 per job); the rest stay in the log.
   * @default 50
   */
  limit?: number;
}

/** Feeds hits one at a time and keeps at most `limit` lines, so a scan need not hold its hits. */
export interface GithubAnnotator {
  add(hit: AnnotatedFinding): void;
  /** The annotation lines (errors first, then warnings up to the limit) and the closing notice. */
  end(): string;
}

/** The default of {@link GithubAnnotationOptions.limit}. */
export const GITHUB_ANNOTATION_LIMIT = 50;

/**
 * One `::error` (flagging kinds) or `::warning` line per finding in a local file inside the
 * workspace, at most `limit` of them, errors before warnings, then one `::notice::` line counting
 * what was annotated and what was left out (over the limit; hf://, stdin or outside the workspace).
 */
export function githubAnnotations(
  hits: Iterable<AnnotatedFinding>,
  options: GithubAnnotationOptions,
): string {
  const annotator = createGithubAnnotator(options);
  for (const hit of hits) annotator.add(hit);
  return annotator.end();
}

/** The incremental form of {@link githubAnnotations}, for a scan's `onHit`. */
export function createGithubAnnotator(options: GithubAnnotationOptions): GithubAnnotator {
  const limit = options.limit ?? GITHUB_ANNOTATION_LIMIT;
  const flagKinds = new Set(options.flagKinds);
  const paths = new Map<string, string | null>();
  // Errors come first whatever the input order: a disclaimer early in the data must not use up
  // the room the findings that flag records need.
  const errors: string[] = [];
  const warnings: string[] = [];
  let total = 0;
  let outside = 0;
  return {
    add(hit) {
      total++;
      let path = paths.get(hit.source);
      if (path === undefined) {
        path = workspacePath(hit.source, options.workspace, options.cwd);
        paths.set(hit.source, path);
      }
      if (path === null) {
        outside++;
        return;
      }
      const flags = flagKinds.has(hit.kind);
      const lines = flags ? errors : warnings;
      if (lines.length < limit) lines.push(annotation(hit, path, flags));
    },
    end() {
      const shown = [...errors, ...warnings].slice(0, limit);
      const overLimit = total - outside - shown.length;
      return [...shown, closingNotice(total, shown.length, overLimit, outside, limit)]
        .map((line) => `${line}\n`)
        .join("");
    },
  };
}

/** A `::notice title=selfid::` line with the run's totals: records, flagged, rate, findings by kind. */
export function githubSummaryNotice(report: Report): string {
  return `${command("notice", { title: "selfid" }, `${headline(report)}; findings: ${kindsLine(report)}`)}\n`;
}

/** One `::error title=selfid gate::` line per reason the gate failed. */
export function githubGateErrors(messages: readonly string[]): string {
  return messages.map((message) => `${command("error", { title: "selfid gate" }, message)}\n`).join("");
}

/**
 * The path of a hit's source relative to the workspace, with `/`, or null when GitHub cannot
 * annotate it: a Hub file, stdin, or a file outside the workspace.
 */
export function workspacePath(source: string, workspace: string, cwd: string): string | null {
  if (source === "-" || isHubUri(source) || /^[a-z][a-z0-9+.-]+:\/\//i.test(source)) return null;
  const path = relative(resolve(workspace), resolve(cwd, source));
  if (path === "" || path === ".." || path.startsWith(`..${sep}`) || isAbsolute(path)) return null;
  return path.split(sep).join("/");
}

function annotation(hit: AnnotatedFinding, path: string, flags: boolean): string {
  const properties: Record<string, string> = { file: path };
  // A line number in a .gz or .zst file is one of its decompressed text: GitHub cannot show it.
  const lineInFile = hit.line !== undefined && compressionOf(hit.source) === "none";
  if (lineInFile) properties.line = String(hit.line);
  properties.title = `selfid: ${hit.family === null ? "" : `${hit.family} `}${hit.kind}`;
  const where = hit.line !== undefined ? `record ${hit.record} (line ${hit.line})` : `record ${hit.record}`;
  const about = hit.family === null ? hit.kind : `${hit.kind} of ${hit.family}`;
  const message =
    `${about} (${hit.lang}) in the ${hit.role === "none" ? "role-less" : hit.role} text ${hit.field}, ` +
    `${where}: ${JSON.stringify(hit.match)}; pattern ${hit.pattern}` +
    (flags ? "" : "; reported, does not flag the record");
  return command(flags ? "error" : "warning", properties, message);
}

function closingNotice(
  total: number,
  shown: number,
  overLimit: number,
  outside: number,
  limit: number,
): string {
  if (total === 0) return command("notice", { title: "selfid" }, "no findings to annotate");
  const left: string[] = [];
  if (overLimit > 0) left.push(`${formatCount(overLimit)} over the limit of ${formatCount(limit)}`);
  if (outside > 0)
    left.push(`${formatCount(outside)} not in a file of the workspace (hf://, stdin or outside)`);
  const message =
    `${formatCount(total)} finding${total === 1 ? "" : "s"}, ${formatCount(shown)} annotated` +
    (left.length > 0 ? `; left out: ${left.join(", ")}; --hits FILE lists every finding` : "");
  return command("notice", { title: "selfid" }, message);
}

/** `::NAME key=value,…::MESSAGE`, escaped as the runner unescapes (actions/toolkit command.ts). */
function command(name: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/** Message text: `%` first, so the escapes themselves are not escaped again. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values: as data, plus `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
