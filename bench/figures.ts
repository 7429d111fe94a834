/**
 * How benchmarks report: one JSON object per figure per line on stdout (bench/run.ts forwards them).
 * Speed lives here, never in tests. Every figure is compared with a baseline measured in the same run on the
 * same machine, so the number means something on a busy shared box too.
 */
export type Summary = { median: number; p95: number; min: number; max: number; n: number };

export type Figure = {
  bench: string;
  figure: string;
  unit: string;
  baseline?: { name: string; median: number };
} & Summary;

const round = (x: number) => Math.round(x * 100) / 100;

/** Nearest-rank percentile of already sorted samples. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    median: round(median),
    p95: round(percentile(sorted, 95)),
    min: round(sorted[0] ?? 0),
    max: round(sorted[sorted.length - 1] ?? 0),
    n: sorted.length,
  };
}

export function printFigure(figure: Figure): void {
  const { bench, figure: name, median, p95, n, baseline, unit, min, max } = figure;
  // Key order fixed for readers: what, the numbers, the baseline, the unit.
  process.stdout.write(`${JSON.stringify({ bench, figure: name, median, p95, n, ...(baseline ? { baseline } : {}), unit, min, max })}\n`);
}
