import { Command } from "commander";
import { checkExamples } from "../match/check-examples.js";
import { loadPatterns } from "../match/load-patterns.js";
import { createMatcher } from "../match/matcher.js";
import type { Role } from "../types.js";
import type { CommandContext } from "./context.js";
import { collect } from "./option-parsers.js";

const ROLES: Role[] = ["assistant", "system", "user", "tool", "none"];

/** `selfid patterns list|test|check`: inspect the library, explain a match, validate files. */
export function patternsCommand(ctx: CommandContext): Command {
  const patterns = new Command("patterns").description(
    "inspect the pattern library, explain a match, validate pattern files",
  );

  patterns
    .command("list")
    .description("list families (names, creators) and languages (templates) of the library")
    .option("--patterns <path>", "add a pattern file or directory (repeatable)", collect, [])
    .option("--json", "print JSON")
    .action((options: { patterns: string[]; json?: boolean }) => {
      const set = loadPatterns({ paths: options.patterns });
      const families = [...set.families.values()].map((f) => ({
        family: f.family,
        vendor: f.vendor,
        names: f.names.map((n) => (typeof n === "string" ? n : (n.text ?? `/${n.regex}/`))),
        creators: f.creators.map((n) => (typeof n === "string" ? n : (n.text ?? `/${n.regex}/`))),
      }));
      const langs = [...set.langs.values()].map((l) => ({
        lang: l.lang,
        name: l.name,
        templates: l.templates.length,
        blockers: l.blockers.length,
      }));
      if (options.json) {
        ctx.out(`${JSON.stringify({ patternSet: set.id, hash: set.hash, families, langs }, null, 2)}\n`);
        return;
      }
      ctx.out(`pattern set ${set.id} (sha256 ${set.hash.slice(0, 12)})\n\nfamilies (${families.length}):\n`);
      for (const f of families) {
        ctx.out(`  ${f.family.padEnd(11)} ${f.vendor}: ${f.names.join(", ")}\n`);
        if (f.creators.length > 0) ctx.out(`  ${"".padEnd(11)} made by: ${f.creators.join(", ")}\n`);
      }
      ctx.out(`\nlanguages (${langs.length}):\n`);
      for (const l of langs)
        ctx.out(`  ${l.lang}  ${l.name.padEnd(12)} ${l.templates} templates, ${l.blockers} blockers\n`);
    });

  patterns
    .command("test")
    .description("show which templates match a text, with family, kind and span, and why others did not")
    .argument("<text>", "the text to test (as one field's text)")
    .option("--role <role>", `speaker role: ${ROLES.join(", ")}`, "assistant")
    .option("--patterns <path>", "add a pattern file or directory (repeatable)", collect, [])
    .option("--json", "print JSON")
    .action((text: string, options: { role: string; patterns: string[]; json?: boolean }) => {
      if (!ROLES.includes(options.role as Role))
        ctx.usage(`--role ${options.role}: expected one of ${ROLES.join(", ")}`);
      const matcher = createMatcher(loadPatterns({ paths: options.patterns }));
      const role = options.role as Role;
      const findings = matcher.match(text, role);
      const explanation = matcher.explain(text, role);
      if (options.json) {
        ctx.out(
          `${JSON.stringify({ findings, candidates: explanation.findings, rejected: explanation.rejected }, null, 2)}\n`,
        );
        return;
      }
      if (findings.length === 0) ctx.out("no findings\n");
      for (const f of findings) {
        ctx.out(
          `${f.kind} ${f.family ?? "-"} [${f.lang}] ${JSON.stringify(f.match)} at ${f.start}-${f.end} (template ${f.pattern})\n`,
        );
      }
      const shadowed = explanation.findings.filter(
        (c) => !findings.some((f) => f.pattern === c.pattern && f.start === c.start && f.end === c.end),
      );
      for (const c of shadowed) {
        ctx.out(
          `  also matched, overlapped: ${c.pattern} ${JSON.stringify(c.match)} at ${c.start}-${c.end}\n`,
        );
      }
      for (const r of explanation.rejected) {
        ctx.out(`  rejected: ${r.pattern} ${JSON.stringify(r.match)} at ${r.start}: ${r.reason}\n`);
      }
    });

  patterns
    .command("check")
    .description("validate pattern files (with the built-in library) and run every example they carry")
    .argument("[files...]", "pattern files or directories; none checks the built-in library alone")
    .option("--no-builtin", "check the files without the built-in library")
    .action((files: string[], options: { builtin: boolean }) => {
      const set = loadPatterns({ paths: files, builtin: options.builtin });
      const matcher = createMatcher(set);
      const failures = checkExamples(set, matcher);
      const templates = [...set.langs.values()].reduce((n, l) => n + l.templates.length, 0);
      for (const f of failures) {
        const got = f.got.map((g) => `${g.pattern} ${g.kind} ${g.family ?? "-"} ${JSON.stringify(g.match)}`);
        ctx.err(
          `${f.where}: expected ${f.expected}\n    text (${f.role}): ${JSON.stringify(f.text)}\n    got: ${got.join("; ") || "nothing"}\n`,
        );
      }
      ctx.out(
        `${set.files.length} files, ${set.families.size} families, ${set.langs.size} languages, ${templates} templates: ` +
          `${failures.length === 0 ? "all examples pass" : `${failures.length} examples fail`}\n`,
      );
      if (failures.length > 0) ctx.setExitCode(1);
    });

  return patterns;
}
