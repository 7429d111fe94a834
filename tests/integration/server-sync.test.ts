/**
 * Push and pull against the real server process, on PGlite and on a real PostgreSQL: exactly-once pushes,
 * rejections that do not block, gap-free arrival numbers under concurrency, checkpointed visibility-filtered
 * pulls, and the SSE poke.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import {
  headers,
  incomingArgs,
  login,
  mutation,
  pullAll,
  pushMutations,
  sha256,
  spawnServer,
  uploadBlob,
  type ServerProcess,
  type Session,
} from '../helpers/server-process';

const BACKENDS = ['pglite', 'postgres'] as const;

describe.each(BACKENDS)('server sync on %s', (backend) => {
  let postgres: TestPostgres | null = null;
  let server: ServerProcess;
  let clerk: Session;
  let file: { sha256: string; size: number };

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startPostgres();
    server = await spawnServer({ databaseUrl: postgres?.url });
    clerk = await login(server.url, 'vanthu');
    const bytes = randomBytes(3000);
    await uploadBlob(clerk, bytes);
    file = { sha256: sha256(bytes), size: bytes.length };
  });
  afterAll(async () => {
    await server?.dispose();
    await postgres?.stop();
  });

  /** Incoming documents of one register year as the clerk sees them, by arrival number. */
  async function documentsOfYear(year: number, s: Session = clerk) {
    const { changes } = await pullAll(s);
    return changes
      .filter((c) => c.entity === 'incomingDocument' && c.data?.year === year)
      .map((c) => c.data as { id: string; arrivalNumber: number; secrecy: string; provisionalNumber: number | null })
      .sort((a, b) => a.arrivalNumber - b.arrivalNumber);
  }

  it('applies a batch once even when it is pushed again after a lost response', async () => {
    const s = await login(server.url, 'vanthu');
    const a = incomingArgs([file], { year: 2030, provisionalNumber: 7 });
    const b = incomingArgs([file], { year: 2030 });
    const batch = [mutation(1, a), mutation(2, b)];
    const first = await pushMutations(s, batch);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ results: [{ id: 1, status: 'applied' }, { id: 2, status: 'applied' }], lastMutationId: 2 });
    // The same batch again (the client never saw the answer): reported applied, nothing applied twice.
    const again = await pushMutations(s, batch);
    expect(again.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(again.body.lastMutationId).toBe(2);
    // Lost response of a later push: the re-push carries the old one and a new one; only the new one is applied.
    const c = incomingArgs([file], { year: 2030 });
    await pushMutations(s, [mutation(3, c)]);
    const d = incomingArgs([file], { year: 2030 });
    const resumed = await pushMutations(s, [mutation(3, c), mutation(4, d)]);
    expect(resumed.body).toMatchObject({ lastMutationId: 4 });
    // The same document under a new mutation id (e.g. a rebuilt outbox) does not create a second entry.
    expect((await pushMutations(s, [mutation(5, a)])).body.results[0]?.status).toBe('applied');

    const docs = await documentsOfYear(2030);
    expect(docs.map((x) => x.arrivalNumber)).toEqual([1, 2, 3, 4]);
    expect(docs.map((x) => x.id)).toEqual([a.documentId, b.documentId, c.documentId, d.documentId]);
    expect(docs[0]?.provisionalNumber).toBe(7);
  });

  it('records a rejection with a Vietnamese reason and keeps applying the mutations behind it', async () => {
    const s = await login(server.url, 'vanthu');
    const missing = sha256(Buffer.from('never uploaded'));
    const batch = [
      mutation(1, incomingArgs([file], { year: 2031 })),
      mutation(2, incomingArgs([file], { year: 2031, secrecy: 'confidential' })),
      mutation(3, incomingArgs([], { year: 2031 })),
      mutation(4, incomingArgs([{ sha256: missing, size: 14 }], { year: 2031 })),
      mutation(5, { ...incomingArgs([file], { year: 2031 }), subject: '' }),
      mutation(6, incomingArgs([file], { year: 2031 })),
    ];
    const res = await pushMutations(s, batch);
    expect(res.status).toBe(200);
    const codes = res.body.results.map((r) => (r.status === 'applied' ? 'applied' : r.error?.code));
    expect(codes).toEqual(['applied', 'SECRET_FILE_FORBIDDEN', 'FILE_REQUIRED', 'FILE_INVALID', 'INVALID_INPUT', 'applied']);
    expect(res.body.lastMutationId).toBe(6);
    const fileInvalid = res.body.results[3];
    expect(fileInvalid?.error?.message).toContain('cong-van.pdf');
    // Pushed again, a refused mutation is refused again with the same reason, never applied.
    const again = await pushMutations(s, batch);
    expect(again.body.results).toEqual(res.body.results);
    // No number was burnt by the refused ones.
    expect((await documentsOfYear(2031)).map((d) => d.arrivalNumber)).toEqual([1, 2]);

    // Only clerks and admins register incoming documents.
    const staff = await login(server.url, 'chuyenvien');
    const forbidden = await pushMutations(staff, [mutation(1, incomingArgs([file], { year: 2031 }))]);
    expect(forbidden.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    expect(forbidden.body.results[0]?.error?.message).toMatch(/văn thư/);
  });

  it('gives arrival numbers 1..N without gap or duplicate to three clients pushing at once', async () => {
    const clients = await Promise.all(['vanthu', 'vanthu', 'quantri'].map((u) => login(server.url, u)));
    const perClient = 8;
    await Promise.all(
      clients.map(async (s, ci) => {
        for (let batch = 0; batch < perClient / 2; batch++) {
          const id = batch * 2 + 1;
          // A mix of secret (own series) and normal documents, as a clerk's day has.
          const secret = (ci + batch) % 3 === 0;
          const args = () => incomingArgs(secret ? [] : [file], { year: 2032, secrecy: secret ? 'secret' : 'none' });
          const res = await pushMutations(s, [mutation(id, args()), mutation(id + 1, args())]);
          expect(res.body.results.every((r) => r.status === 'applied')).toBe(true);
        }
      }),
    );
    const docs = await documentsOfYear(2032);
    expect(docs).toHaveLength(clients.length * perClient);
    for (const series of [docs.filter((d) => d.secrecy === 'none'), docs.filter((d) => d.secrecy !== 'none')]) {
      expect(series.map((d) => d.arrivalNumber)).toEqual(series.map((_, i) => i + 1));
    }
  });

  it('pages pulls as checkpoints and filters them by role', async () => {
    const secret = incomingArgs([], { year: 2033, secrecy: 'topSecret', subject: 'Văn bản tuyệt mật về quốc phòng' });
    const open = incomingArgs([file], { year: 2033 });
    expect((await pushMutations(clerk, [mutation(1, open), mutation(2, secret)])).body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
    ]);

    const whole = await pullAll(clerk, 0, 5000);
    const paged = await pullAll(clerk, 0, 7);
    expect(paged.pages).toBeGreaterThan(3);
    const key = (c: { entity: string; id: string; version: number }) => `${c.entity}:${c.id}:${c.version}`;
    expect(paged.changes.map(key)).toEqual(whole.changes.map(key));
    expect(new Set(whole.changes.map(key)).size).toBe(whole.changes.length);
    const versions = whole.changes.map((c) => c.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    // Resuming from a stored mid-way cursor gives exactly the rest.
    const mid = whole.changes[Math.floor(whole.changes.length / 2)]!;
    const rest = await pullAll(clerk, mid.version, 5);
    expect(rest.changes.map(key)).toEqual(whole.changes.filter((c) => c.version > mid.version).map(key));
    expect(whole.changes.every((c) => c.entity !== 'user' || !JSON.stringify(c.data).match(/password|salt/i))).toBe(true);

    const idsOf = (changes: { entity: string; id: string }[], entity: string) =>
      changes.filter((c) => c.entity === entity).map((c) => c.id);
    expect(idsOf(whole.changes, 'incomingDocument')).toEqual(expect.arrayContaining([open.documentId, secret.documentId]));

    const leader = await pullAll(await login(server.url, 'giamdoc'));
    expect(idsOf(leader.changes, 'incomingDocument')).toContain(secret.documentId);

    for (const username of ['chuyenvien', 'truongphong']) {
      const seen = await pullAll(await login(server.url, username), 0, 3);
      expect(idsOf(seen.changes, 'incomingDocument')).toEqual([]);
      expect(idsOf(seen.changes, 'documentFile')).toEqual([]);
      expect(idsOf(seen.changes, 'unit')).toHaveLength(4);
      expect(idsOf(seen.changes, 'user').length).toBeGreaterThanOrEqual(6);
      expect(seen.changes.some((c) => c.entity === 'register' && c.data?.year === 2033)).toBe(true);
      // The cursor still reaches the newest version: hidden rows are not pulled again and again.
      expect(seen.cursor).toBe(whole.cursor);
    }
  });

  it('pokes SSE subscribers when a push commits', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/sync/events`, { headers: headers(clerk.token), signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextPoke = async (): Promise<number> => {
      for (;;) {
        const m = /event: poke\ndata: (\{[^\n]*\})\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return (JSON.parse(m[1]!) as { version: number }).version;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const initial = await nextPoke();
    const args = incomingArgs([file], { year: 2034 });
    const pushed = await pushMutations(clerk, [mutation(10, args)]);
    expect(pushed.body.results[0]?.status).toBe('applied');
    const docVersion = (await pullAll(clerk, initial)).changes.find((c) => c.id === args.documentId)!.version;
    let poked = await nextPoke();
    while (poked < docVersion) poked = await nextPoke();
    expect(poked).toBeGreaterThanOrEqual(docVersion);
    controller.abort();
  });
});
