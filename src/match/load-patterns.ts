import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { UsageError } from "../errors.js";
import {
  type CommonFile,
  commonFileSchema,
  type FamilyFile,
  familyFileSchema,
  type LangFile,
  langFileSchema,
} from "./pattern-schema.js";

/** Where the built-in library lives: `patterns/` at the package root. */
export const BUILTIN_PATTERNS_DIR = fileURLToPath(new URL("../../patterns/", import.meta.url));

/** A family as loaded, with the files it came from (user files may extend a built-in family). */
export interface LoadedFamily extends FamilyFile {
  files: string[];
}

/** A language as loaded; each template remembers its file for error messages. */
export interface LoadedLang extends Omit<LangFile, "templates"> {
  files: string[];
  templates: Array<LangFile["templates"][number] & { id: string; file: string; index: number }>;
}

/** The whole validated pattern library, ready to compile. */
export interface PatternSet {
  /** `builtin`, or `builtin+<user files>` when `--patterns` added some. */
  id: string;
  /** sha256 of the files' contents, so reports from different pattern sets are never merged. */
  hash: string;
  families: Map<string, LoadedFamily>;
  langs: Map<string, LoadedLang>;
  common: CommonFile;
  files: string[];
}

/** Options of {@link loadPatterns}. */
export interface LoadPatternsOptions {
  /** Extra pattern files or directories (`--patterns`). @default [] */
  paths?: string[];
  /** Load the built-in library too. @default true */
  builtin?: boolean;
}

/**
 * Reads and validates the pattern library (DESIGN §4). Every problem in every file is collected and
 * reported at once as a {@link UsageError} naming the file and the path inside it.
 */
export function loadPatterns(options: LoadPatternsOptions = {}): PatternSet {
  const files: string[] = [];
  if (options.builtin !== false) files.push(...listPatternFiles(BUILTIN_PATTERNS_DIR));
  const userFiles: string[] = [];
  for (const p of options.paths ?? []) userFiles.push(...listPatternFiles(resolve(p), p));
  files.push(...userFiles);

  const problems: string[] = [];
  const hash = createHash("sha256");
  const set: PatternSet = {
    id: userFiles.length > 0 ? `builtin+${userFiles.map((f) => displayPath(f)).join("+")}` : "builtin",
    hash: "",
    families: new Map(),
    langs: new Map(),
    common: { macros: {}, nouns: [], blockers: [], placeholders: [] },
    files: files.map(displayPath),
  };
  if (options.builtin === false) set.id = userFiles.map(displayPath).join("+") || "empty";

  for (const file of files) {
    const shown = displayPath(file);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      problems.push(`${shown}: cannot read (${(error as Error).message})`);
      continue;
    }
    hash.update(shown).update("\0").update(text).update("\0");
    let data: unknown;
    try {
      data = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      problems.push(
        `${shown}: not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${(error as Error).message}`,
      );
      continue;
    }
    addFile(set, data, shown, problems);
  }
  if (problems.length > 0) {
    throw new UsageError(`invalid pattern files (${problems.length} problems):\n  ${problems.join("\n  ")}`);
  }
  set.hash = hash.digest("hex");
  return set;
}

function addFile(set: PatternSet, data: unknown, file: string, problems: string[]): void {
  const kind = fileKind(data);
  if (kind === "family") {
    const family = validate(familyFileSchema, data, file, problems);
    if (family) mergeFamily(set, family, file);
  } else if (kind === "lang") {
    const lang = validate(langFileSchema, data, file, problems);
    if (lang) mergeLang(set, lang, file);
  } else {
    const common = validate(commonFileSchema, data, file, problems);
    if (common) mergeCommon(set.common, common);
  }
}

function fileKind(data: unknown): "family" | "lang" | "common" {
  if (data && typeof data === "object" && !Array.isArray(data)) {
    if ("family" in data) return "family";
    if ("lang" in data) return "lang";
  }
  return "common";
}

function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  file: string,
  problems: string[],
): z.infer<T> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.length > 0 ? formatPath(issue.path) : "(top level)";
    problems.push(`${file}: ${where}: ${issue.message}`);
  }
  return undefined;
}

/** `templates[3].examples.positive` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function mergeFamily(set: PatternSet, family: FamilyFile, file: string): void {
  const existing = set.families.get(family.family);
  if (!existing) {
    set.families.set(family.family, { ...family, files: [file] });
    return;
  }
  existing.names.push(...family.names);
  existing.creators.push(...family.creators);
  existing.examples.positive.push(...family.examples.positive);
  existing.examples.negative.push(...family.examples.negative);
  existing.files.push(file);
}

function mergeLang(set: PatternSet, lang: LangFile, file: string): void {
  let existing = set.langs.get(lang.lang);
  if (!existing) {
    existing = { ...lang, templates: [], files: [] };
    set.langs.set(lang.lang, existing);
  } else {
    existing.nouns.push(...lang.nouns);
    Object.assign(existing.macros, lang.macros);
    existing.keywords.push(...lang.keywords);
    existing.blockers.push(...lang.blockers);
  }
  existing.files.push(file);
  lang.templates.forEach((template, index) => {
    const n = (existing.templates.filter((t) => t.kind === template.kind).length ?? 0) + 1;
    existing.templates.push({ ...template, id: `${lang.lang}/${template.kind}/${n}`, file, index });
  });
}

function mergeCommon(into: CommonFile, common: CommonFile): void {
  Object.assign(into.macros, common.macros);
  into.nouns.push(...common.nouns);
  into.blockers.push(...common.blockers);
  into.placeholders.push(...common.placeholders);
}

/** Pattern files under a path, sorted so that the library loads in the same order everywhere. */
function listPatternFiles(path: string, asGiven = path): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`--patterns ${asGiven}: no such file or directory`);
  }
  if (stat.isFile()) return [path];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name.startsWith(".")) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(full);
    }
  };
  walk(path);
  return out;
}

function displayPath(file: string): string {
  if (file.startsWith(BUILTIN_PATTERNS_DIR)) return `patterns/${relative(BUILTIN_PATTERNS_DIR, file)}`;
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
