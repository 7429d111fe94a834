import { describe, expect, it } from 'vitest';
import { parseRange } from './blob.handlers';

describe('Range header', () => {
  it('reads the three forms of a single byte range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
  });
  it('clamps an end beyond the file and serves the whole file without a header', () => {
    expect(parseRange('bytes=500-5000', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange(undefined, 1000)).toBeNull();
  });
  it('refuses ranges that cannot be satisfied', () => {
    for (const h of ['bytes=1000-', 'bytes=5-2', 'bytes=-0', 'bytes=-']) {
      expect(parseRange(h, 1000)).toBe('invalid');
    }
  });
  it('ignores forms it does not serve and sends the whole file instead', () => {
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
  });
});
