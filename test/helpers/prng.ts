/** A seeded generator of numbers in [0, 1), so a failing generated corpus can be reproduced. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` of `pieces`, each drawn with `random`, joined: a random text made of known parts. */
export function randomText(random: () => number, pieces: readonly string[], count: number): string {
  return Array.from({ length: count }, () => pieces[Math.floor(random() * pieces.length)]).join("");
}
