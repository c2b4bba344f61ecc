/**
 * Plain UTF-16 code-unit order for sorting paths. Unlike `localeCompare` it is the same on every
 * machine and locale, so input order, and with it every report, is reproducible.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
