import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { createDirectTransport, createEventHub } from './direct-transport';
import { AppError } from './errors';
import { dispatch, type Handlers } from './handlers';
import { METHODS } from './methods';

type Ctx = { calls: string[] };

// Only the methods this test exercises do anything; the others fail loudly if reached.
function makeHandlers(): Handlers<Ctx> {
  const unexpected = () => {
    throw new Error('not used in this test');
  };
  const handlers = Object.fromEntries(Object.keys(METHODS).map((m) => [m, unexpected])) as unknown as Handlers<Ctx>;
  handlers['app.info'] = (_p, ctx) => {
    ctx.calls.push('app.info');
    return { version: '1.0.0', protocolVersion: 1, platform: 'linux', host: 'direct' };
  };
  handlers['sync.status'] = () => ({ bogus: true }) as never;
  handlers['auth.login'] = ({ username }) => {
    throw new AppError('BAD_CREDENTIALS', `Sai mật khẩu cho ${username}`);
  };
  handlers['registers.list'] = () => {
    throw new TypeError('boom: internal detail');
  };
  return handlers;
}

describe('dispatch', () => {
  it('rejects unknown methods and invalid params with typed errors, without calling a handler', async () => {
    const ctx: Ctx = { calls: [] };
    const h = makeHandlers();
    expect(await dispatch(h, ctx, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(h, ctx, 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(h, ctx, 'auth.login', { username: 'a' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(ctx.calls).toEqual([]);
  });

  it('returns values that pass the result schema and refuses ones that do not', async () => {
    const ctx: Ctx = { calls: [] };
    const h = makeHandlers();
    expect(await dispatch(h, ctx, 'app.info', {})).toMatchObject({ ok: true, value: { version: '1.0.0' } });
    const internal: unknown[] = [];
    const bad = await dispatch(h, ctx, 'sync.status', {}, { onInternalError: (_m, e) => internal.push(e) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(internal).toHaveLength(1);
  });

  it('keeps AppError codes and hides internal exception details', async () => {
    const ctx: Ctx = { calls: [] };
    const h = makeHandlers();
    expect(await dispatch(h, ctx, 'auth.login', { username: 'vanthu', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: 'Sai mật khẩu cho vanthu' },
    });
    const r = await dispatch(h, ctx, 'registers.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).not.toContain('boom');
    }
  });
});

describe('client over the direct transport', () => {
  it('returns typed values, rethrows errors as AppError and delivers only valid events', async () => {
    const hub = createEventHub();
    const client = createClient(createDirectTransport(makeHandlers(), { calls: [] }, hub));
    await expect(client.call('app.info')).resolves.toMatchObject({ host: 'direct' });
    await expect(client.call('auth.login', { username: 'vanthu', password: 'x' })).rejects.toMatchObject({
      name: 'AppError',
      code: 'BAD_CREDENTIALS',
    });

    const seen: unknown[] = [];
    client.on('data.changed', (p) => seen.push(p));
    hub.emit('data.changed', { entities: ['incomingDocument'] });
    hub.emit('data.changed', { entities: 'not-an-array' });
    hub.emit('auth.changed', { state: 'signedOut', lastUsername: null, serverUrl: 'http://x' });
    expect(seen).toEqual([{ entities: ['incomingDocument'] }]);
  });
});
