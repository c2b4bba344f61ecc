/** Commander accumulator for repeatable options (`--field a --field b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
