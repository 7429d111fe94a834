/** Exponential backoff with full jitter between a floor and a ceiling (1 s → 60 s by default). */
export type Backoff = { next(): number; reset(): void; readonly failures: number };

export function createBackoff(baseMs = 1000, maxMs = 60_000, random: () => number = Math.random): Backoff {
  let failures = 0;
  return {
    next() {
      const ceiling = Math.min(maxMs, baseMs * 2 ** failures);
      failures += 1;
      // Half fixed, half random: clients that lost the server together do not come back together.
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}
