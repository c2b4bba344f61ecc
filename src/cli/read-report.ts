import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Report, reportSchema } from "../report/report-schema.js";
import type { CommandContext } from "./context.js";

/**
 * Reads and validates a saved `selfid.report/1` report. Any failure is a usage error (exit 2) that
 * names `what` (the command or flag) and the file.
 */
export async function readReportFile(ctx: CommandContext, what: string, path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.cwd, path), "utf8");
  } catch (error) {
    return ctx.usage(
      `${what}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return ctx.usage(`${what}: ${path} is not JSON (${(error as Error).message})`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return ctx.usage(
      `${what}: ${path} is not a selfid.report/1 report (${issue ? `${issue.path.join(".") || "top level"}: ${issue.message}` : "invalid"})`,
    );
  }
  return parsed.data;
}
