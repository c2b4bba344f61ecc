import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";

const repo = new URL("../..", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "selfid-report-cmd-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const reportPath = join(root, "examples.json");
const scanHtml = join(root, "scan.html");
/** What `scan examples/` printed, in each stdout format, when it wrote the report. */
const scanned: Record<string, string> = {};

beforeAll(async () => {
  const result = await run(["scan", "examples/", "--json", reportPath, "--html", scanHtml], { cwd: repo });
  expect(result.exitCode).toBe(0);
  scanned.table = result.stdout;
  scanned.markdown = (await run(["scan", "examples/", "--format", "markdown"], { cwd: repo })).stdout;
}, 120_000);

describe("selfid report REPORT.json", () => {
  it("prints the table and the Markdown the scan printed, without rescanning", async () => {
    const table = await run(["report", reportPath], { cwd: root });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toBe(scanned.table);
    const markdown = await run(["report", reportPath, "--format", "markdown"], { cwd: root });
    expect(markdown.stdout).toBe(scanned.markdown);
    const json = await run(["report", reportPath, "--format", "json"], { cwd: root });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(readFileSync(reportPath, "utf8")));
  });

  it("writes --markdown and applies the scan's gates to the saved report", async () => {
    const summary = join(root, "summary.md");
    const pass = await run(["report", reportPath, "--markdown", summary, "--fail-above", "0.5", "-q"], {
      cwd: root,
    });
    expect(pass.exitCode).toBe(0);
    expect(pass.stdout).toBe("");
    expect(readFileSync(summary, "utf8")).toBe(scanned.markdown);

    const fail = await run(
      ["report", reportPath, "--fail-above", "zh=0.01", "--fail-above-family", "openai=0", "-q"],
      { cwd: root },
    );
    expect(fail.exitCode).toBe(1);
    expect(fail.stderr).toMatch(/gate failed: language zh: .*above --fail-above zh=0\.01/);
    expect(fail.stderr).toMatch(/gate failed: family openai: .*above --fail-above-family openai=0/);

    const same = await run(["report", reportPath, "--baseline", reportPath, "--fail-on-new"], { cwd: root });
    expect(same.exitCode).toBe(0);
    expect(same.stdout).toContain("no new findings");
  });

  it("writes the scan's HTML page again, byte for byte, and a merge writes one too", async () => {
    const page = join(root, "report.html");
    expect((await run(["report", reportPath, "--html", page, "-q"], { cwd: root })).exitCode).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toBe(readFileSync(scanHtml, "utf8"));
    expect(html).toContain('id="selfid-heatmap"');
    const merged = join(root, "merged.html");
    expect((await run(["merge", reportPath, "--html", merged, "-q"], { cwd: root })).exitCode).toBe(0);
    expect(readFileSync(merged, "utf8")).toContain('id="selfid-heatmap"');
  });

  it("annotates the report's examples with --format github, paths relative to the workspace", async () => {
    const result = await run(["report", reportPath, "--format", "github", "--fail-above", "zh=0.01"], {
      cwd: repo,
      env: { GITHUB_WORKSPACE: repo },
    });
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^::notice title=selfid::selfid .* records scanned/);
    expect(
      lines.filter((l) => /^::error file=examples\/[^,]+,(line=\d+,)?title=selfid%3A /.test(l)).length,
    ).toBe(
      Math.min(
        50,
        (JSON.parse(readFileSync(reportPath, "utf8")).examples as Array<{ kind: string }>).filter((e) =>
          ["self-claim", "creator-claim", "basis-claim", "system-persona"].includes(e.kind),
        ).length,
      ),
    );
    expect(lines.at(-1)).toMatch(/^::error title=selfid gate::language zh: /);
  });

  it("refuses a file that is not a report, naming it, with exit 2", async () => {
    const notReport = join(root, "not-a-report.json");
    writeFileSync(notReport, JSON.stringify({ schema: "something/1" }));
    const result = await run(["report", notReport], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`report: ${notReport} is not a selfid.report/1 report`);
    const missing = await run(["report", join(root, "missing.json")], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/report: cannot read .*missing\.json \(ENOENT\)/);
  });
});
