/**
 * Two stateless server processes sharing one REAL PostgreSQL: arrival numbers stay gap-free and unique under
 * concurrent pushes through both, pulls agree, and a commit on one instance pokes subscribers of the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import {
  headers,
  incomingArgs,
  login,
  mutation,
  pullAll,
  pushMutations,
  spawnServer,
  type ServerProcess,
  type Session,
} from '../helpers/server-process';

describe('two server instances on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    postgres = await startPostgres();
    // Started together: migrations and the demo seed must not run twice.
    [a, b] = await Promise.all([spawnServer({ databaseUrl: postgres.url }), spawnServer({ databaseUrl: postgres.url })]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await postgres?.stop();
  });

  it('seeds once and allocates arrival numbers 1..N across instances without gap or duplicate', async () => {
    // Sessions live in the shared database: a token from one instance works on the other.
    const clients: Session[] = await Promise.all([login(a.url, 'vanthu'), login(b.url, 'vanthu'), login(a.url, 'quantri')]);
    const viaB = { ...clients[0]!, url: b.url };
    const me = await fetch(`${b.url}/api/me`, { headers: headers(viaB.token) });
    expect(me.status).toBe(200);

    const batches = 5;
    await Promise.all(
      clients.map(async (s, ci) => {
        for (let i = 0; i < batches; i++) {
          // Alternate instances batch by batch, as a load balancer would.
          const target = { ...s, url: (ci + i) % 2 === 0 ? a.url : b.url };
          const id = i * 2 + 1;
          const args = () => incomingArgs([], { year: 2040, secrecy: 'confidential' });
          const res = await pushMutations(target, [mutation(id, args()), mutation(id + 1, args())]);
          expect(res.status).toBe(200);
          expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
        }
      }),
    );
    const fromA = await pullAll(clients[0]!);
    const fromB = await pullAll({ ...clients[0]!, url: b.url }, 0, 9);
    expect(fromB.changes.map((c) => `${c.id}:${c.version}`)).toEqual(fromA.changes.map((c) => `${c.id}:${c.version}`));

    const numbers = fromA.changes
      .filter((c) => c.entity === 'incomingDocument' && c.data?.year === 2040)
      .map((c) => c.data!.arrivalNumber as number)
      .sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: clients.length * batches * 2 }, (_, i) => i + 1));
    // One demo organization's worth of data, not two.
    expect(fromA.changes.filter((c) => c.entity === 'user')).toHaveLength(6);
    expect(fromA.changes.filter((c) => c.entity === 'incomingDocument' && c.data?.year !== 2040)).toHaveLength(4);
  });

  it('pokes subscribers of one instance when the other commits', async () => {
    const clerk = await login(a.url, 'vanthu');
    const controller = new AbortController();
    const res = await fetch(`${a.url}/api/sync/events`, { headers: headers(clerk.token), signal: controller.signal });
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
    const viaB = { ...clerk, url: b.url };
    const pushed = await pushMutations(viaB, [mutation(1, incomingArgs([], { year: 2041, secrecy: 'secret' }))]);
    expect(pushed.body.results[0]?.status).toBe('applied');
    const target = (await pullAll(viaB, initial)).cursor;
    let poked = await nextPoke();
    while (poked < target) poked = await nextPoke();
    expect(poked).toBeGreaterThanOrEqual(target);
    controller.abort();
  });
});
