import { formatCount } from "../format-table.js";

/** Flagged records per million records of a language; 0 when it has no records. */
export function perMillion(count: number, records: number): number {
  return records > 0 ? (count / records) * 1e6 : 0;
}

/** For hover text and tables: `3,529`, `2.5`, `0.042`, `0`. */
export function formatPerMillion(value: number): string {
  if (value === 0) return "0";
  if (value < 10) return String(Number(value.toPrecision(2)));
  return formatCount(Math.round(value));
}

/** For a heatmap cell, at most four characters: `0.04`, `2.5`, `353`, `3.5k`, `161k`, `1M`. */
export function compactPerMillion(value: number): string {
  if (value === 0) return "";
  if (value < 1) return String(Number(value.toPrecision(1)));
  if (value < 10) return String(Number(value.toFixed(1)));
  if (value < 999.5) return String(Math.round(value));
  if (value < 9950) return `${Number((value / 1000).toFixed(1))}k`;
  const thousands = Math.round(value / 1000);
  return thousands >= 1000 ? "1M" : `${thousands}k`;
}

const displayNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** `Chinese` for `zh`, `undetermined` for `und`; empty when the runtime does not know the code. */
export function languageName(code: string): string {
  if (code === "und") return "undetermined";
  try {
    return displayNames.of(code) ?? "";
  } catch {
    return "";
  }
}
