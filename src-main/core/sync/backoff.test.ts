import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';
import { readServerSentEvents } from './sse-reader';

describe('createBackoff', () => {
  it('doubles from 1 s up to the 60 s ceiling, with jitter inside the upper half, and resets', () => {
    const low = createBackoff(1000, 60_000, () => 0);
    expect(Array.from({ length: 9 }, () => low.next())).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    const high = createBackoff(1000, 60_000, () => 1);
    expect(Array.from({ length: 9 }, () => high.next()).at(-1)).toBe(60_000);
    high.reset();
    expect(high.next()).toBe(1000);
  });
});

describe('readServerSentEvents', () => {
  it('parses events split across chunks and skips keep-alive comments', async () => {
    const parts = ['retry: 3000\n\n: keep-alive\n\nevent: po', 'ke\ndata: {"version":4}\r\n\r\n', 'event: poke\ndata: {"version":5}\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    const seen: [string, string][] = [];
    await readServerSentEvents(body, (e, d) => seen.push([e, d]));
    expect(seen).toEqual([
      ['poke', '{"version":4}'],
      ['poke', '{"version":5}'],
    ]);
  });
});
