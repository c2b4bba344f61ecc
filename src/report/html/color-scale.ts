/** Light yellow to deep wine: readable text on both ends, distinct from the zero grey. */
const STOPS = ["#fff1bf", "#fdc46a", "#f68a3c", "#d9462b", "#9c1c3b", "#5c0f33"];

/** Fill of a cell with nothing in it. */
export const ZERO_FILL = "#eef1f4";

/** Share of the scale the smallest non-zero value starts at, so small rates stay visible. */
const FLOOR = 0.14;

/** Decades the scale spans at least, so two close rates do not land on opposite ends. */
const MIN_DECADES = 2;

/** A log scale over positive values: where a value sits between the lowest shade and the highest. */
export interface LogScale {
  /** Lowest value of the scale (a positive value at or below every one shown). */
  low: number;
  high: number;
  /** 0 for zero, FLOOR…1 for positive values. */
  position(value: number): number;
}

/**
 * A log scale from the data: top at the largest value, bottom at the smallest positive one or
 * MIN_DECADES below the top, whichever is lower.
 */
export function logScale(values: readonly number[]): LogScale {
  const positive = values.filter((v) => v > 0);
  const high = positive.length > 0 ? Math.max(...positive) : 1;
  const low = Math.min(positive.length > 0 ? Math.min(...positive) : high, high / 10 ** MIN_DECADES);
  const span = Math.log(high) - Math.log(low);
  return {
    low,
    high,
    position(value: number): number {
      if (value <= 0) return 0;
      const t = span > 0 ? (Math.log(value) - Math.log(low)) / span : 1;
      return FLOOR + (1 - FLOOR) * Math.min(1, Math.max(0, t));
    },
  };
}

/** The fill for a scale position (0 is the zero grey). */
export function fillAt(position: number): string {
  if (position <= 0) return ZERO_FILL;
  const scaled = Math.min(1, position) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(scaled));
  return mix(STOPS[i] ?? "#000000", STOPS[i + 1] ?? "#000000", scaled - i);
}

/** Whether text on the fill at `position` should be light. */
export function needsLightText(position: number): boolean {
  return position > 0.6;
}

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t));
  return `#${out.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}
