/** Commander accumulator for repeatable options (`--field a --field b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4,
};

/**
 * A byte size as people write it: `1000`, `512MB`, `1.5GiB`, `2g` (decimal units for MB/GB, binary
 * for MiB/GiB). Calls `usage` (which throws) for anything else.
 */
export function parseByteSize(ctx: { usage(message: string): never }, flag: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = match ? SIZE_UNITS[(match[2] as string).toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    ctx.usage(`${flag} ${value}: expected a size such as 1000000, 512MB or 1GiB`);
  }
  return bytes;
}
