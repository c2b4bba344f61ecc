import type { ErrorEntry, InputSummary, Report, ReportExample } from "../report/report-schema.js";
import { HIT_KINDS, type Hit, type HitKind } from "../types.js";

/** The parts of a report a {@link Tally} produces and can absorb. */
export type TallySections = Pick<
  Report,
  "inputs" | "totals" | "languages" | "families" | "flaggedByFamily" | "roles" | "examples" | "errors"
>;

/** Examples kept per family (or per kind, for findings without one). */
export const EXAMPLES_PER_KEY = 5;
/** Error entries kept in a report; the count is always complete. */
export const MAX_ERROR_ENTRIES = 100;
const SNIPPET_CONTEXT = 80;

/** A hit with the text of its field, for the snippet. */
export interface HitInText {
  hit: Hit;
  text: string;
  /** Its kind flags records under the run's --flag-kinds. */
  flagging: boolean;
}

/** Everything the report says about one scanned record. */
export interface RecordVerdict {
  /** Document language (detected). */
  lang: string;
  /** Findings that count (roles and --ignore already applied), in record order. */
  hits: HitInText[];
  /** Whether a flagging kind is among the hits. */
  flagged: boolean;
  /** The record had at least one text segment. */
  hasText: boolean;
}

/**
 * Counts findings and records into report numbers (DESIGN §3 tally/). Pure: no I/O. Every number
 * is a sum, and examples and errors are the smallest by (source, record), so tallies of disjoint
 * shards merge exactly.
 */
export class Tally {
  readonly inputs: InputSummary[] = [];
  readonly languages = new Map<string, { records: number; flagged: number; families: Map<string, number> }>();
  readonly families = new Map<string, Map<string, number>>();
  readonly flaggedByFamily = new Map<string, number>();
  readonly roles = new Map<string, number>();
  readonly hitsByKind = new Map<HitKind, number>(HIT_KINDS.map((k) => [k, 0]));
  readonly examples: ReportExample[] = [];
  readonly errors: ErrorEntry[] = [];
  noText = 0;

  /** Starts counting a new input; the returned summary is updated in place. */
  addInput(source: string, format: string, compression: string): InputSummary {
    const input: InputSummary = {
      source,
      format,
      compression,
      bytes: 0,
      records: 0,
      scanned: 0,
      flagged: 0,
      errors: 0,
      hits: 0,
      failed: false,
    };
    this.inputs.push(input);
    return input;
  }

  /** Counts one scanned record. */
  addRecord(input: InputSummary, verdict: RecordVerdict): void {
    input.records++;
    input.scanned++;
    if (!verdict.hasText) this.noText++;
    const lang = this.languages.get(verdict.lang) ?? {
      records: 0,
      flagged: 0,
      families: new Map<string, number>(),
    };
    this.languages.set(verdict.lang, lang);
    lang.records++;
    if (verdict.flagged) {
      lang.flagged++;
      input.flagged++;
    }
    const flaggingFamilies = new Set<string>();
    for (const { hit, text, flagging } of verdict.hits) {
      input.hits++;
      this.hitsByKind.set(hit.kind, (this.hitsByKind.get(hit.kind) ?? 0) + 1);
      this.roles.set(hit.role, (this.roles.get(hit.role) ?? 0) + 1);
      if (hit.family) {
        const byLang = this.families.get(hit.family) ?? new Map<string, number>();
        this.families.set(hit.family, byLang);
        byLang.set(hit.lang, (byLang.get(hit.lang) ?? 0) + 1);
        if (flagging) flaggingFamilies.add(hit.family);
      }
      this.offerExample(hit, text);
    }
    for (const family of flaggingFamilies) {
      this.flaggedByFamily.set(family, (this.flaggedByFamily.get(family) ?? 0) + 1);
      lang.families.set(family, (lang.families.get(family) ?? 0) + 1);
    }
  }

  /**
   * Counts one unreadable record, or an input that failed (an entry without record position): its
   * unreadable rest then counts as one record in error, so records = scanned + errors always holds.
   */
  addError(input: InputSummary, entry: ErrorEntry): void {
    input.errors++;
    input.records++;
    if (entry.record === undefined) input.failed = true;
    insertBounded(this.errors, entry, MAX_ERROR_ENTRIES, compareErrors);
  }

  /**
   * Adds the counts of another tally's sections (a resumed run's finished inputs, a shard's report):
   * every number is summed, and examples and errors are kept as if their records had been counted
   * here, so absorbing the tallies of disjoint parts gives the tally of the whole.
   * @param into the input summary the sections' input counts are added to, when they are parts of
   *   one input (byte ranges of a big file); by default their inputs are added as inputs
   */
  absorb(sections: TallySections, into?: InputSummary): void {
    for (const input of sections.inputs) this.absorbInput(input, into);
    this.noText += sections.totals.noText;
    for (const [kind, n] of Object.entries(sections.totals.hitsByKind) as [HitKind, number][]) {
      this.hitsByKind.set(kind, (this.hitsByKind.get(kind) ?? 0) + n);
    }
    for (const [name, other] of Object.entries(sections.languages)) {
      const lang = this.languages.get(name) ?? {
        records: 0,
        flagged: 0,
        families: new Map<string, number>(),
      };
      this.languages.set(name, lang);
      lang.records += other.records;
      lang.flagged += other.flagged;
      addCounts(lang.families, other.families);
    }
    for (const [family, byLang] of Object.entries(sections.families)) {
      const counts = this.families.get(family) ?? new Map<string, number>();
      this.families.set(family, counts);
      addCounts(counts, byLang);
    }
    addCounts(this.flaggedByFamily, sections.flaggedByFamily);
    addCounts(this.roles, sections.roles);
    for (const example of sections.examples) this.offer({ ...example });
    for (const entry of sections.errors)
      insertBounded(this.errors, { ...entry }, MAX_ERROR_ENTRIES, compareErrors);
  }

  /**
   * Adds one input's counts: to `into` (another part of the same input), or as a new input.
   * @returns the summary the counts went to
   */
  absorbInput(input: InputSummary, into?: InputSummary): InputSummary {
    if (into === undefined) {
      const copy = { ...input };
      this.inputs.push(copy);
      return copy;
    }
    into.bytes += input.bytes;
    into.records += input.records;
    into.scanned += input.scanned;
    into.flagged += input.flagged;
    into.errors += input.errors;
    into.hits += input.hits;
    into.failed ||= input.failed;
    return into;
  }

  private offerExample(hit: Hit, text: string): void {
    this.offer(toExample(hit, text));
  }

  /** Keeps the example if it is among the smallest {@link EXAMPLES_PER_KEY} of its key. */
  private offer(example: ReportExample): void {
    const key = example.family ?? example.kind;
    const sameKey = this.examples.filter((e) => (e.family ?? e.kind) === key);
    if (sameKey.length >= EXAMPLES_PER_KEY) {
      const last = sameKey[sameKey.length - 1] as ReportExample;
      if (compareExamples(example, last) >= 0) return;
      this.examples.splice(this.examples.indexOf(last), 1);
    }
    insertBounded(this.examples, example, Number.POSITIVE_INFINITY, compareExamples);
  }

  /** The counts as report sections (everything but tool, pattern set and options). */
  toSections(): TallySections {
    const sum = (f: (i: InputSummary) => number) => this.inputs.reduce((n, i) => n + f(i), 0);
    const scanned = sum((i) => i.scanned);
    const flagged = sum((i) => i.flagged);
    return {
      inputs: this.inputs,
      totals: {
        records: sum((i) => i.records),
        scanned,
        flagged,
        errors: sum((i) => i.errors),
        noText: this.noText,
        hits: sum((i) => i.hits),
        rate: scanned > 0 ? flagged / scanned : 0,
        hitsByKind: Object.fromEntries(this.hitsByKind) as Record<HitKind, number>,
      },
      languages: Object.fromEntries(
        [...this.languages]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([lang, l]) => [
            lang,
            {
              records: l.records,
              flagged: l.flagged,
              rate: l.records > 0 ? l.flagged / l.records : 0,
              families: sortedObject(l.families),
            },
          ]),
      ),
      families: Object.fromEntries(
        [...this.families].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, m]) => [f, sortedObject(m)]),
      ),
      flaggedByFamily: sortedObject(this.flaggedByFamily),
      roles: sortedObject(this.roles),
      examples: this.examples,
      errors: this.errors,
    };
  }
}

function toExample(hit: Hit, text: string): ReportExample {
  const before = text.slice(Math.max(0, hit.start - SNIPPET_CONTEXT), hit.start);
  const after = text.slice(hit.end, hit.end + SNIPPET_CONTEXT);
  const example: ReportExample = {
    source: hit.source,
    record: hit.record,
    field: hit.field,
    role: hit.role,
    family: hit.family,
    kind: hit.kind,
    lang: hit.lang,
    match: hit.match,
    pattern: hit.pattern,
    snippet: `${hit.start > SNIPPET_CONTEXT ? "…" : ""}${before}[${hit.match}]${after}${hit.end + SNIPPET_CONTEXT < text.length ? "…" : ""}`,
  };
  if (hit.line !== undefined) example.line = hit.line;
  return example;
}

function compareExamples(a: ReportExample, b: ReportExample): number {
  return compareStrings(a.source, b.source) || a.record - b.record || compareStrings(a.field, b.field);
}

function compareErrors(a: ErrorEntry, b: ErrorEntry): number {
  return compareStrings(a.source, b.source) || (a.record ?? -1) - (b.record ?? -1);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Inserts in sorted position, keeping at most `max` smallest items. */
function insertBounded<T>(items: T[], item: T, max: number, compare: (a: T, b: T) => number): void {
  if (items.length >= max && compare(item, items[items.length - 1] as T) >= 0) return;
  let i = items.length;
  while (i > 0 && compare(item, items[i - 1] as T) < 0) i--;
  items.splice(i, 0, item);
  if (items.length > max) items.pop();
}

function addCounts(into: Map<string, number>, counts: Record<string, number>): void {
  for (const [key, n] of Object.entries(counts)) into.set(key, (into.get(key) ?? 0) + n);
}

function sortedObject(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
}
