import { describe, expect, it } from 'vitest';
import { downloadRetryDelayMs } from './download-blobs';

describe('download retry delay', () => {
  it('grows, is capped at an hour (±20 % jitter), and never gives up however many attempts failed', () => {
    expect(downloadRetryDelayMs(1, () => 0.5)).toBe(2000);
    expect(downloadRetryDelayMs(5, () => 0.5)).toBe(32_000);
    for (const attempts of [12, 50, 1000, 1e6]) {
      const d = downloadRetryDelayMs(attempts, () => 0.5);
      expect(d).toBe(3_600_000);
      expect(Number.isFinite(d)).toBe(true);
    }
    expect(downloadRetryDelayMs(1000, () => 0)).toBe(2_880_000);
    expect(downloadRetryDelayMs(1000, () => 1)).toBe(4_320_000);
  });
});
