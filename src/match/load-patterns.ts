import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { UsageError } from "../errors.js";
import { moduleDigest } from "./compile-patterns.js";
import { PATTERN_LIMITS } from "./pattern-limits.js";
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
  /**
   * What came from `--patterns` files rather than the built-in library: their files as displayed,
   * and whether one of them was a common file. Only regexes these reach are checked for
   * catastrophic backtracking when compiled (the built-in library is checked by its tests).
   * @default none
   */
  user?: { files: string[]; common: boolean };
}

/** Options of {@link loadPatterns}. */
export interface LoadPatternsOptions {
  /** Extra pattern files or directories (`--patterns`). @default [] */
  paths?: string[];
  /** Load the built-in library too. @default true */
  builtin?: boolean;
}

/** Where {@link loadPatterns} finds the built-in library, and the snapshot `npm run build` made of it. */
export interface PatternLibrary {
  /** The library's directory. */
  dir: string;
  /** Its snapshot (`dist/patterns-snapshot.json`); null to always read the YAML. */
  snapshot: string | null;
}

/** The snapshot of the built-in library, beside the compiled code (absent when running from src/). */
export const BUILTIN_SNAPSHOT = fileURLToPath(new URL("../patterns-snapshot.json", import.meta.url));

const BUILTIN: PatternLibrary = { dir: BUILTIN_PATTERNS_DIR, snapshot: BUILTIN_SNAPSHOT };

/**
 * Reads and validates the pattern library (DESIGN §4). Every problem in every file is collected and
 * reported at once as a {@link UsageError} naming the file and the path inside it.
 *
 * The built-in library comes from its build-time snapshot when the snapshot was made from files
 * with exactly the current contents (and by this loader's code); otherwise, and for user files
 * always, from YAML through zod. Either way the set, and its hash, are the same.
 */
export function loadPatterns(
  options: LoadPatternsOptions = {},
  /** @internal Tests point this at a copy of the library. */
  library: PatternLibrary = BUILTIN,
): PatternSet {
  const dir = library.dir.endsWith(sep) ? library.dir : `${library.dir}${sep}`;
  const shown = (file: string) => displayPath(file, dir);
  const builtinFiles = options.builtin !== false ? listPatternFiles(dir) : [];
  const userFiles: string[] = [];
  for (const p of options.paths ?? []) userFiles.push(...listPatternFiles(resolve(p), p));
  const files = [...builtinFiles, ...userFiles];

  const problems: string[] = [];
  const hash = createHash("sha256");
  const set: PatternSet = {
    id: userFiles.length > 0 ? `builtin+${userFiles.map(shown).join("+")}` : "builtin",
    hash: "",
    families: new Map(),
    langs: new Map(),
    common: { macros: {}, nouns: [], blockers: [], placeholders: [] },
    files: files.map(shown),
    user: { files: userFiles.map(shown), common: false },
  };
  if (options.builtin === false) set.id = userFiles.map(shown).join("+") || "empty";

  const builtinTexts = builtinFiles.map((file) => readPatternFile(file, shown(file)));
  const snapshot = library.snapshot ? readSnapshot(library.snapshot, builtinTexts) : undefined;
  if (snapshot) {
    set.families = new Map(snapshot.families);
    set.langs = new Map(snapshot.langs);
    set.common = snapshot.common;
  }
  const texts = [...builtinTexts, ...userFiles.map((file) => readPatternFile(file, shown(file)))];
  texts.forEach(({ file, shown, text, error, oversize }, i) => {
    if (text === undefined) {
      problems.push(oversize ? `${shown}: ${error}` : `${shown}: cannot read (${error})`);
      return;
    }
    hash.update(shown).update("\0").update(text).update("\0");
    if (snapshot && i < builtinTexts.length) return;
    let data: unknown;
    try {
      data = file.endsWith(".json")
        ? JSON.parse(text)
        : yaml().parse(text, { maxAliasCount: PATTERN_LIMITS.yamlAliases });
    } catch (error) {
      const message = (error as Error).message;
      problems.push(
        /alias count/i.test(message)
          ? `${shown}: more than the limit of ${PATTERN_LIMITS.yamlAliases} YAML aliases (an alias bomb?); write the entries out`
          : `${shown}: not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${message}`,
      );
      return;
    }
    const kind = addFile(set, data, shown, problems);
    if (kind === "common" && i >= builtinTexts.length && set.user) set.user.common = true;
  });
  if (problems.length > 0) {
    throw new UsageError(`invalid pattern files (${problems.length} problems):\n  ${problems.join("\n  ")}`);
  }
  set.hash = hash.digest("hex");
  return set;
}

/** A pattern file's text, or why it could not be read. */
interface PatternText {
  file: string;
  shown: string;
  text?: string;
  error?: string;
  /** `error` says the file is over {@link PATTERN_LIMITS.fileBytes}. */
  oversize?: boolean;
}

function readPatternFile(file: string, shown: string): PatternText {
  try {
    // Checked before reading: a multi-gigabyte "pattern file" must not be read into memory first.
    const { size } = statSync(file);
    if (size > PATTERN_LIMITS.fileBytes) {
      return {
        file,
        shown,
        oversize: true,
        error: `${size} bytes, over the limit of ${PATTERN_LIMITS.fileBytes} bytes for a pattern file; split it`,
      };
    }
    return { file, shown, text: readFileSync(file, "utf8") };
  } catch (error) {
    return { file, shown, error: (error as Error).message };
  }
}

// Parsing YAML is only needed when the snapshot cannot be used: do not pay for loading it otherwise.
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof import("yaml") | undefined;
function yaml(): typeof import("yaml") {
  yamlModule ??= requireCjs("yaml") as typeof import("yaml");
  return yamlModule;
}

/** Bump when the snapshot's layout changes. */
const SNAPSHOT_FORMAT = 1;

/**
 * `dist/patterns-snapshot.json`: the built-in library as {@link loadPatterns} validated it, with
 * what it was made from, written by `scripts/snapshot-patterns.mjs` at build time.
 */
export interface PatternSnapshot {
  format: number;
  /** sha256 of the code that turns YAML into a set: a changed schema makes the snapshot stale. */
  loader: string;
  /** Every file the set was built from, in load order, as displayed, with the sha256 of its text. */
  files: Array<{ path: string; sha256: string }>;
  /** The set's hash, for people reading the file. */
  hash: string;
  families: Array<[string, LoadedFamily]>;
  langs: Array<[string, LoadedLang]>;
  common: CommonFile;
  /** Facts about compiling the set that `compilePatterns` may reuse (see compile-patterns.ts). */
  compile: unknown;
}

/** Makes the snapshot of a library from its YAML files. */
export function snapshotPatterns(library: PatternLibrary = BUILTIN): Omit<PatternSnapshot, "compile"> {
  const set = loadPatterns({}, { dir: library.dir, snapshot: null });
  const dir = library.dir.endsWith(sep) ? library.dir : `${library.dir}${sep}`;
  const files = listPatternFiles(dir).map((file) => readPatternFile(file, displayPath(file, dir)));
  return {
    format: SNAPSHOT_FORMAT,
    loader: loaderDigest(),
    files: files.map(({ shown, text }) => ({ path: shown, sha256: sha256(text ?? "") })),
    hash: set.hash,
    families: [...set.families],
    langs: [...set.langs],
    common: set.common,
  };
}

/** The snapshot at `path`, or null when it is missing, unreadable or of another format. */
function readSnapshotFile(path: string): PatternSnapshot | null {
  try {
    const snapshot = JSON.parse(readFileSync(path, "utf8")) as PatternSnapshot | null;
    return snapshot?.format === SNAPSHOT_FORMAT ? snapshot : null;
  } catch {
    return null;
  }
}

/**
 * The parts of the snapshot's set, when it was made from exactly these files (paths, order and
 * contents) by this loader; undefined when it is stale. Parsed afresh each time: callers merge
 * their own files into it.
 */
function readSnapshot(
  path: string,
  texts: readonly PatternText[],
): Pick<PatternSnapshot, "families" | "langs" | "common"> | undefined {
  const snapshot = readSnapshotFile(path);
  const loader = loaderDigest();
  if (!snapshot || loader === "" || snapshot.loader !== loader || !snapshotMatches(snapshot, texts)) {
    return undefined;
  }
  return snapshot;
}

/** True when the snapshot lists exactly these files, in this order, with these contents. */
function snapshotMatches(
  snapshot: Pick<PatternSnapshot, "files">,
  texts: ReadonlyArray<{ shown: string; text?: string }>,
): boolean {
  return (
    snapshot.files.length === texts.length &&
    texts.every(
      ({ shown, text }, i) =>
        text !== undefined && snapshot.files[i]?.path === shown && snapshot.files[i]?.sha256 === sha256(text),
    )
  );
}

let loader: string | undefined;
/** sha256 of this file and the schema as they run (dist/ or src/): what a snapshot's set depends on. */
function loaderDigest(): string {
  loader ??= moduleDigest(["load-patterns", "pattern-schema", "../types"]);
  return loader;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function addFile(
  set: PatternSet,
  data: unknown,
  file: string,
  problems: string[],
): "family" | "lang" | "common" {
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
  return kind;
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

function displayPath(file: string, builtinDir = BUILTIN_PATTERNS_DIR): string {
  if (file.startsWith(builtinDir)) return `patterns/${relative(builtinDir, file)}`;
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
