import type { TallySections } from "../tally/tally.js";
import type { Hit } from "../types.js";

/**
 * Renumbers the results of a byte range of a file as if the file had been read from its start:
 * `lineBase` lines (blank ones too) come before the range. Changes `hits` and `sections` in place.
 */
export function shiftLines(hits: Hit[], sections: TallySections, lineBase: number): void {
  if (lineBase === 0) return;
  for (const hit of hits) {
    hit.record += lineBase;
    if (hit.line !== undefined) hit.line += lineBase;
  }
  for (const example of sections.examples) {
    example.record += lineBase;
    if (example.line !== undefined) example.line += lineBase;
  }
  for (const error of sections.errors) {
    if (error.record !== undefined) error.record += lineBase;
    if (error.line !== undefined) error.line += lineBase;
  }
}
