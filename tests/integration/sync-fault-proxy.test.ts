/**
 * The fault-injecting proxy itself, in front of a real loopback HTTP server that records what reached it:
 * each fault does what the sync tests rely on, and one seed always gives the same sequence of faults.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultConfig, type FaultProxy } from '../helpers/fault-proxy';

type Seen = { method: string; path: string; body: string; complete: boolean };

describe('fault proxy', () => {
  let upstream: http.Server;
  let target = '';
  const seen: Seen[] = [];
  const proxies: FaultProxy[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      if (req.url === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write('event: poke\ndata: {"version":1}\n\n');
        const t = setInterval(() => res.write('event: poke\ndata: {"version":2}\n\n'), 50);
        res.on('close', () => clearInterval(t));
        return;
      }
      const entry: Seen = { method: req.method ?? '', path: req.url ?? '', body: '', complete: false };
      seen.push(entry);
      req.on('data', (d: Buffer) => (entry.body += d.toString()));
      req.on('end', () => {
        entry.complete = true;
        const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size') ?? 0);
        res.writeHead(200, { 'content-type': 'text/plain', 'x-echo': 'yes' });
        res.end(size ? 'x'.repeat(size) : `echo:${entry.body}`);
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const p of proxies) await p.close();
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });

  const proxy = async (faults: FaultConfig, seed = 1) => {
    const p = await startFaultProxy({ target, seed, faults });
    proxies.push(p);
    seen.length = 0;
    return p;
  };
  const post = (p: FaultProxy, path: string, body: string) => fetch(`${p.url}${path}`, { method: 'POST', body });
  const settle = () => new Promise((r) => setTimeout(r, 150));

  it('passes requests and answers through unchanged without faults', async () => {
    const p = await proxy({});
    const res = await post(p, '/a', 'hello');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(await res.text()).toBe('echo:hello');
    expect(seen).toEqual([{ method: 'POST', path: '/a', body: 'hello', complete: true }]);
    expect(p.stats().bytesToClients).toBeGreaterThan(10);
  });

  it('drops a request before the server sees it', async () => {
    const p = await proxy({ dropRequest: 1 });
    await expect(post(p, '/a', 'x')).rejects.toThrow();
    await settle();
    expect(seen).toHaveLength(0);
  });

  it('drops the answer after the server processed the request', async () => {
    const p = await proxy({ dropResponse: 1 });
    await expect(post(p, '/a', 'applied')).rejects.toThrow();
    expect(seen).toMatchObject([{ body: 'applied', complete: true }]);
  });

  it('cuts a request body midway, and an answer body midway', async () => {
    const p = await proxy({ cutBody: 1 });
    await expect(post(p, '/upload', 'abcdefghij')).rejects.toThrow();
    await settle();
    expect(seen).toMatchObject([{ body: 'abcde', complete: false }]);

    const res = await fetch(`${p.url}/download?size=1000`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('sends a duplicated request to the server twice and answers once', async () => {
    const p = await proxy({ duplicate: 1 });
    expect(await (await post(p, '/push', 'm1')).text()).toBe('echo:m1');
    expect(seen.map((s) => s.body)).toEqual(['m1', 'm1']);
  });

  it('answers 502/503 itself without forwarding', async () => {
    const p = await proxy({ error5xx: 1 });
    const res = await post(p, '/a', 'x');
    expect([502, 503]).toContain(res.status);
    expect(seen).toHaveLength(0);
  });

  it('reorders: a held request reaches the server after the next one', async () => {
    const p = await proxy({ reorder: 1, reorderHoldMs: 5000 });
    const first = post(p, '/first', '1');
    await new Promise((r) => setTimeout(r, 100));
    const second = post(p, '/second', '2');
    await Promise.all([first, second]);
    expect(seen.map((s) => s.path)).toEqual(['/second', '/first']);
  });

  it('delays and throttles like a 2G link', async () => {
    const delayed = await proxy({ delay: 1, delayMs: [300, 300] });
    let t0 = Date.now();
    expect((await post(delayed, '/a', 'x')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);

    // 15 kB at 30 kB/s with a 300 ms round trip needs ~0.8 s; well above what loopback takes.
    const slow = await proxy({ throttle: { bytesPerSecond: 30_000, rttMs: 300 } });
    t0 = Date.now();
    expect((await (await fetch(`${slow.url}/d?size=15000`)).text()).length).toBe(15_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
  });

  it('passes event streams through, and cuts them when asked', async () => {
    const p = await proxy({});
    const res = await fetch(`${p.url}/events`);
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: poke');
    await reader.cancel();

    const cutting = await proxy({ cutSse: 1, sseCutAfterMs: 200 });
    const cutRes = await fetch(`${cutting.url}/events`);
    const r2 = cutRes.body!.getReader();
    const ended = (async () => {
      try {
        for (;;) if ((await r2.read()).done) return 'ended';
      } catch {
        return 'cut';
      }
    })();
    expect(['ended', 'cut']).toContain(await ended);
    expect(cutting.stats().faults.cutSse).toBe(1);
  });

  it('gives the same faults for the same seed', async () => {
    const mix: FaultConfig = { dropRequest: 0.2, error5xx: 0.2, duplicate: 0.2, dropResponse: 0.2 };
    const run = async (seed: number) => {
      const p = await proxy(mix, seed);
      const outcomes: string[] = [];
      for (let i = 0; i < 25; i++) {
        outcomes.push(await post(p, `/r${i}`, String(i)).then((r) => String(r.status), () => 'cut'));
      }
      return { outcomes, faults: p.stats().faults };
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    expect(a).toEqual(b);
    expect(a.outcomes).not.toEqual(c.outcomes);
  });
});
