/**
 * A fault-injecting HTTP proxy on loopback, for sync tests: desktop cores talk to it, it talks to the real server.
 * Every decision comes from a seeded PRNG, so a failing run can be replayed with the same seed.
 *
 * Faults (each a probability per request, 0..1):
 *   dropRequest   the request never reaches the server; the client's connection is cut
 *   dropResponse  the server processes the request, then the client's connection is cut before any answer byte
 *   cutBody       the request body is cut midway (server sees an aborted upload), or the answer body is cut midway
 *   delay         the request waits `delayMs` (a random value in [min, max]) before it is forwarded
 *   duplicate     the request is sent to the server twice; the client receives the second answer
 *   reorder       the request is held until the next request arrived and was forwarded (or `reorderHoldMs` passed)
 *   error5xx      the proxy answers 502 or 503 itself without forwarding
 *   cutSse        an event stream is cut after a random time up to `sseCutAfterMs`
 * `throttle` models a slow link (e.g. 2G: 30 kB/s, 300 ms round trip) for every byte in both directions.
 *
 * Event streams (text/event-stream) pass through unbuffered; everything else is buffered so faults can be applied
 * after the server answered. `stats()` counts faults and bytes on the wire (headers + bodies) for benchmarks.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultConfig = {
  dropRequest?: number;
  dropResponse?: number;
  cutBody?: number;
  delay?: number;
  delayMs?: [number, number];
  duplicate?: number;
  reorder?: number;
  reorderHoldMs?: number;
  error5xx?: number;
  cutSse?: number;
  sseCutAfterMs?: number;
  throttle?: { bytesPerSecond: number; rttMs: number } | null;
};

export type FaultKind = 'dropRequest' | 'dropResponse' | 'cutRequestBody' | 'cutResponseBody' | 'delay' | 'duplicate' | 'reorder' | 'error5xx' | 'cutSse';

export type ProxyStats = {
  requests: number;
  faults: Record<FaultKind, number>;
  /** Bytes between clients and the proxy: request line + headers + body, status line + headers + body. */
  bytesFromClients: number;
  bytesToClients: number;
};

export type FaultProxy = {
  url: string;
  port: number;
  setFaults(cfg: FaultConfig): void;
  /** No faults from now on (the link is still throttled if `keepThrottle`). */
  calm(opts?: { keepThrottle?: boolean }): void;
  stats(): ProxyStats;
  resetStats(): void;
  /** Cuts every open connection (event streams included), as a network outage would. */
  cutAll(): void;
  close(): Promise<void>;
};

/** mulberry32: small, fast and good enough to pick faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function headerBytes(h: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(h)) n += k.length + String(v).length + 4;
  return n + 32;
}

type Upstream = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; stream?: IncomingMessage };

export async function startFaultProxy(opts: { target: string; seed: number; faults?: FaultConfig }): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const rand = seededRandom(opts.seed);
  let faults: FaultConfig = opts.faults ?? {};
  const sockets = new Set<Socket>();
  const emptyFaults = (): Record<FaultKind, number> => ({
    dropRequest: 0, dropResponse: 0, cutRequestBody: 0, cutResponseBody: 0, delay: 0, duplicate: 0, reorder: 0, error5xx: 0, cutSse: 0,
  });
  let stats: ProxyStats = { requests: 0, faults: emptyFaults(), bytesFromClients: 0, bytesToClients: 0 };
  /** A request held back by `reorder`, released once the next one was forwarded. */
  let held: (() => void) | null = null;

  const roll = (p: number | undefined) => p !== undefined && p > 0 && rand() < p;
  const count = (k: FaultKind) => stats.faults[k]++;

  /** Time a slow link needs for `bytes` (plus half a round trip per direction). */
  async function wire(bytes: number) {
    const t = faults.throttle;
    if (t) await sleep(t.rttMs / 2 + (bytes / t.bytesPerSecond) * 1000);
  }

  function forward(req: IncomingMessage, body: Buffer, cutAt: number | null): Promise<Upstream | null> {
    return new Promise((resolve) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
      headers.host = target.host;
      headers['content-length'] = String(body.length);
      const up = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (res) => {
          if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.alloc(0), stream: res });
            return;
          }
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(parts) }));
          res.on('error', () => resolve(null));
        },
      );
      up.on('error', () => resolve(null));
      if (cutAt !== null) {
        // Half the body, then the connection dies: the server sees an aborted request.
        up.write(body.subarray(0, cutAt), () => setTimeout(() => up.destroy(), 20));
        setTimeout(() => resolve(null), 50);
        return;
      }
      up.end(body);
    });
  }

  function kill(res: ServerResponse) {
    res.socket?.destroy();
  }

  async function answer(res: ServerResponse, up: Upstream, cut: boolean) {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    const stream = up.stream;
    if (stream) return pipeEvents(res, up.status, headers, stream);
    headers['content-length'] = String(up.body.length);
    stats.bytesToClients += headerBytes(headers) + up.body.length;
    const limit = cut ? Math.floor(up.body.length / 2) : up.body.length;
    res.writeHead(up.status, headers);
    const t = faults.throttle;
    const step = t ? Math.max(256, Math.floor(t.bytesPerSecond / 10)) : Math.max(1, limit);
    await wire(0);
    for (let off = 0; off < limit; off += step) {
      const part = up.body.subarray(off, Math.min(limit, off + step));
      await new Promise<void>((r) => res.write(part, () => r()));
      if (t) await sleep((part.length / t.bytesPerSecond) * 1000);
    }
    if (cut) {
      // Let the first half reach the client, then cut: the client sees headers and a truncated body.
      await new Promise<void>((r) => res.write('', () => r()));
      setTimeout(() => kill(res), 20);
    } else res.end();
  }

  function pipeEvents(res: ServerResponse, status: number, headers: http.OutgoingHttpHeaders, stream: IncomingMessage) {
    res.writeHead(status, headers);
    res.flushHeaders();
    stats.bytesToClients += headerBytes(headers);
    stream.on('data', (d: Buffer) => {
      stats.bytesToClients += d.length;
      res.write(d);
    });
    const end = () => kill(res);
    stream.on('end', end);
    stream.on('error', end);
    stream.on('close', end);
    res.on('close', () => stream.destroy());
    if (roll(faults.cutSse)) {
      count('cutSse');
      setTimeout(() => {
        stream.destroy();
        kill(res);
      }, Math.floor(rand() * (faults.sseCutAfterMs ?? 5000)));
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const parts: Buffer[] = [];
    for await (const d of req) parts.push(d as Buffer);
    const body = Buffer.concat(parts);
    stats.requests++;
    stats.bytesFromClients += headerBytes(req.headers) + (req.url?.length ?? 0) + body.length;
    await wire(body.length);

    // Every roll happens in the same order for every request so the fault sequence depends on the seed only.
    const f = {
      dropRequest: roll(faults.dropRequest),
      error5xx: roll(faults.error5xx),
      delay: roll(faults.delay),
      reorder: roll(faults.reorder),
      cutRequest: roll(faults.cutBody) && body.length > 1,
      duplicate: roll(faults.duplicate),
      dropResponse: roll(faults.dropResponse),
      cutResponse: roll(faults.cutBody),
      delayMs: rand(),
    };
    if (f.dropRequest) {
      count('dropRequest');
      return kill(res);
    }
    if (f.error5xx) {
      count('error5xx');
      const status = f.delayMs < 0.5 ? 502 : 503;
      res.writeHead(status, { 'content-type': 'text/plain' });
      return res.end('proxy fault');
    }
    if (f.delay) {
      count('delay');
      const [min, max] = faults.delayMs ?? [50, 1500];
      await sleep(min + f.delayMs * (max - min));
    }
    const release = held;
    held = null;
    if (f.reorder && !release) {
      count('reorder');
      await new Promise<void>((r) => {
        held = r;
        setTimeout(r, faults.reorderHoldMs ?? 1000);
      });
    }
    if (f.cutRequest) {
      count('cutRequestBody');
      await forward(req, body, Math.floor(body.length / 2));
      if (release) release();
      return kill(res);
    }
    let up: Upstream | null;
    if (f.duplicate) {
      count('duplicate');
      const first = await forward(req, body, null);
      first?.stream?.destroy();
      up = await forward(req, body, null);
    } else {
      const pending = forward(req, body, null);
      // The held request goes after this one has reached the server.
      if (release) setTimeout(release, 20);
      up = await pending;
    }
    if (release && f.duplicate) release();
    if (!up) {
      // The server is down or cut us off: answer like a reverse proxy would.
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('upstream unreachable');
      }
      return;
    }
    if (f.dropResponse && !up.stream) {
      count('dropResponse');
      return kill(res);
    }
    const cut = f.cutResponse && up.body.length > 1;
    if (cut) count('cutResponseBody');
    await answer(res, up, cut);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => kill(res));
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFaults(cfg) {
      faults = cfg;
    },
    calm(o = {}) {
      faults = o.keepThrottle && faults.throttle ? { throttle: faults.throttle } : {};
      held?.();
      held = null;
    },
    stats: () => ({ ...stats, faults: { ...stats.faults } }),
    resetStats() {
      stats = { requests: 0, faults: emptyFaults(), bytesFromClients: 0, bytesToClients: 0 };
    },
    cutAll() {
      for (const s of sockets) s.destroy();
    },
    async close() {
      held?.();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
