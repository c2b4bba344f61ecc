import { UsageError } from "../errors.js";
import { formatCount } from "./format-table.js";
import { flaggedRecords, grownCells, type ReportDiff } from "./report-diff.js";
import type { Report } from "./report-schema.js";

/**
 * CI gates on a finished report (DESIGN §2, `--fail-above`, `--fail-above-family`): what the flags
 * say, parsed once, and the verdict on a report. Pure: no files, no printing.
 */

/** The thresholds a run must stay at or under. A gate fails when the rate is strictly above it. */
export interface GateSpec {
  /** flagged / scanned records over the whole report. */
  overall?: number;
  /** Document language → highest flagged rate among that language's records. */
  languages: Record<string, number>;
  /** Family → highest share of all scanned records flagged with a claim of that family. */
  families: Record<string, number>;
}

/** One gate a report did not pass. */
export interface GateFailure {
  gate: "overall" | "language" | "family" | "new-findings";
  /** The language or family gated; empty for the overall and new-findings gates. */
  subject: string;
  /** What failed, for people: `language zh: flagged rate 0.00031 (12 of 38,500 records) is above …`. */
  message: string;
}

/** Something about the gates worth saying that is not a failure (a gated language with no records). */
export interface GateNote {
  severity: "note" | "warning";
  message: string;
}

/** What {@link evaluateGates} returns. */
export interface GateVerdict {
  failures: GateFailure[];
  notes: GateNote[];
}

const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]+)*$/;
/** The pattern library's family ids (pattern-schema.ts). */
const FAMILY = /^[a-z0-9][a-z0-9-]*$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** An empty spec: no gate. */
export function emptyGateSpec(): GateSpec {
  return { languages: {}, families: {} };
}

/** The spec gates nothing. */
export function isEmptyGateSpec(spec: GateSpec): boolean {
  return (
    spec.overall === undefined &&
    Object.keys(spec.languages).length === 0 &&
    Object.keys(spec.families).length === 0
  );
}

/**
 * Parses the values of the repeatable `--fail-above` (`0.001`, `zh=1e-4`, or comma lists
 * `zh=1e-4,en=0.01`) and `--fail-above-family` (`openai=0`, `openai=0,anthropic=1e-5`) into one
 * spec. Throws a {@link UsageError} naming the bad value: a rate outside [0, 1], a malformed
 * language or family, the overall rate or a language or family given twice.
 */
export function parseGateSpec(
  failAbove: readonly string[],
  failAboveFamily: readonly string[] = [],
): GateSpec {
  const spec = emptyGateSpec();
  for (const value of failAbove) {
    for (const item of items("--fail-above", value)) {
      const eq = item.indexOf("=");
      if (eq < 0) {
        const rate = parseRate("--fail-above", value, item, "0.001");
        if (spec.overall !== undefined) {
          throw new UsageError(
            `--fail-above ${value}: the overall rate is already gated (--fail-above ${spec.overall}); give it once`,
          );
        }
        spec.overall = rate;
        continue;
      }
      const lang = item.slice(0, eq).trim();
      if (!LANGUAGE.test(lang)) {
        throw new UsageError(
          `--fail-above ${value}: "${lang}" is not a language code; expected RATE or LANG=RATE with a lower-case code such as zh or en, e.g. zh=0.0001`,
        );
      }
      const rate = parseRate("--fail-above", value, item.slice(eq + 1), `${lang}=0.0001`);
      if (Object.hasOwn(spec.languages, lang)) {
        throw new UsageError(
          `--fail-above ${value}: language ${lang} is already gated (${lang}=${spec.languages[lang]}); give it once`,
        );
      }
      spec.languages[lang] = rate;
    }
  }
  for (const value of failAboveFamily) {
    for (const item of items("--fail-above-family", value)) {
      const eq = item.indexOf("=");
      const family = eq < 0 ? "" : item.slice(0, eq).trim();
      if (!FAMILY.test(family)) {
        throw new UsageError(
          `--fail-above-family ${value}: expected FAMILY=RATE with a family id such as openai (lower-case letters, digits, dashes), e.g. openai=0; selfid patterns list shows the families`,
        );
      }
      const rate = parseRate("--fail-above-family", value, item.slice(eq + 1), `${family}=0`);
      if (Object.hasOwn(spec.families, family)) {
        throw new UsageError(
          `--fail-above-family ${value}: family ${family} is already gated (${family}=${spec.families[family]}); give it once`,
        );
      }
      spec.families[family] = rate;
    }
  }
  return spec;
}

function items(flag: string, value: string): string[] {
  const parts = value.split(",").map((s) => s.trim());
  if (parts.some((s) => s === "")) throw new UsageError(`${flag} ${JSON.stringify(value)}: an empty item`);
  return parts;
}

function parseRate(flag: string, value: string, text: string, example: string): number {
  const t = text.trim();
  const rate = DECIMAL.test(t) ? Number(t) : Number.NaN;
  if (!(rate >= 0 && rate <= 1)) {
    const percent = /^(\d+(?:\.\d*)?)\s*%$/.exec(t);
    const hint = percent ? `; write ${Number(percent[1]) / 100} for ${t}` : "";
    throw new UsageError(
      `${flag} ${value}: "${t}" is not a rate; expected a number between 0 and 1, e.g. ${example}${hint}`,
    );
  }
  return rate;
}

/**
 * Checks a report against the gates. The overall gate compares `totals.rate`; a language gate that
 * language's `rate` (flagged / records of that document language; a language absent from the
 * report passes, with a note); a family gate `flaggedByFamily[f] / totals.scanned`, so `openai=0`
 * fails on any record flagged for OpenAI. Every comparison is strict: a rate equal to the gate passes.
 * @param knownFamilies families that exist even with no findings (the pattern library's): a gated
 *   family neither in the report nor here is warned about, as a likely typo
 */
export function evaluateGates(
  report: Report,
  spec: GateSpec,
  knownFamilies?: ReadonlySet<string>,
): GateVerdict {
  const failures: GateFailure[] = [];
  const notes: GateNote[] = [];
  const { scanned, flagged, rate } = report.totals;
  if (spec.overall !== undefined && rate > spec.overall) {
    failures.push({
      gate: "overall",
      subject: "",
      message: `flagged rate ${showRate(rate, spec.overall)} (${formatCount(flagged)} of ${formatCount(scanned)} records) is above --fail-above ${spec.overall}`,
    });
  }
  for (const [lang, gate] of Object.entries(spec.languages)) {
    const summary = Object.hasOwn(report.languages, lang) ? report.languages[lang] : undefined;
    if (summary === undefined) {
      notes.push({
        severity: "note",
        message: `--fail-above ${lang}=${gate}: no records of language ${lang} in this report; the gate passes`,
      });
    } else if (summary.rate > gate) {
      failures.push({
        gate: "language",
        subject: lang,
        message: `language ${lang}: flagged rate ${showRate(summary.rate, gate)} (${formatCount(summary.flagged)} of ${formatCount(summary.records)} records) is above --fail-above ${lang}=${gate}`,
      });
    }
  }
  for (const [family, gate] of Object.entries(spec.families)) {
    const count = Object.hasOwn(report.flaggedByFamily, family) ? (report.flaggedByFamily[family] ?? 0) : 0;
    const familyRate = scanned > 0 ? count / scanned : 0;
    if (familyRate > gate) {
      failures.push({
        gate: "family",
        subject: family,
        message: `family ${family}: ${formatCount(count)} of ${formatCount(scanned)} records flagged (rate ${showRate(familyRate, gate)}) is above --fail-above-family ${family}=${gate}`,
      });
    } else if (report.options.ignore.includes(family)) {
      notes.push({
        severity: "warning",
        message: `--fail-above-family ${family}=${gate}: this run ignores ${family} (--ignore ${family}), so it flags no record and the gate cannot fail`,
      });
    } else if (
      !(
        Object.hasOwn(report.flaggedByFamily, family) ||
        Object.hasOwn(report.families, family) ||
        knownFamilies?.has(family)
      )
    ) {
      notes.push({
        severity: "warning",
        message: `--fail-above-family ${family}=${gate}: no family ${family} in this report${knownFamilies ? " nor in the pattern library" : ""} (a typo? selfid patterns list shows the families); the gate passes`,
      });
    }
  }
  return { failures, notes };
}

/** Grown cells shown in a {@link newFindingsFailure} message before the rest are counted. */
const MAX_CELLS_SHOWN = 5;

/**
 * `--fail-on-new`: the failure when the new report has findings beyond the baseline's, i.e. a
 * family × language cell of the diff grew; undefined when none did.
 */
export function newFindingsFailure(diff: ReportDiff): GateFailure | undefined {
  const grown = diff.cells.filter((c) => c.delta > 0);
  if (grown.length === 0) return undefined;
  const shown = grown
    .slice(0, MAX_CELLS_SHOWN)
    .map((c) => `${c.family} × ${c.lang} +${formatCount(c.delta)}`);
  if (grown.length > MAX_CELLS_SHOWN) shown.push(`${grown.length - MAX_CELLS_SHOWN} more`);
  return {
    gate: "new-findings",
    subject: "",
    message: `${grownCells(grown.length)} new findings beyond the baseline ${diff.before.label}: ${flaggedRecords(diff.newFindings.records)} (${shown.join(", ")}) and --fail-on-new is set`,
  };
}

/** The rate with just enough digits to show it is above the gate: 0.00031, not 0.0003100000000004. */
function showRate(rate: number, gate: number): string {
  for (let digits = 2; digits < 17; digits++) {
    const shown = Number(rate.toPrecision(digits));
    if (shown > gate) return String(shown);
  }
  return String(rate);
}
