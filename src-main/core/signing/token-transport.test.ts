/**
 * The token client over both transports, with a real SoftHSM2 token:
 * - fork: the worker as a child process (tests, browser host, unpackaged app);
 * - MessagePort: what the installed Electron app does (main process starts the worker as a utility process and
 *   hands the core a MessageChannelMain port). Without an Electron runtime the pair is emulated with a
 *   node:worker_threads MessageChannel whose far end is served by the same worker code in this process.
 * The Electron utilityProcess itself is exercised only where an Electron runtime is installed (tests/electron).
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfLibDocument, pdfsig } from '../../../tests/helpers/signing-fixtures';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../../../tests/helpers/signing-env';
import { SOFTHSM_MODULE } from '../../../tests/helpers/softhsm';
import { createPadesService } from './pades.service';
import { createTokenClient, type TokenClient } from './token.client';
import { forkTransport, messagePortTransport, nodePort, type PortLike } from './token-transport';
import { serveTokenRequests } from './token-worker.handler';
import type { WorkerEnvelope } from './token.protocol';

let env: SigningTestEnv;

beforeAll(() => {
  env = createSigningTestEnv();
  // The in-process end of the emulated pair loads SoftHSM2 here: it reads its config from this process's env.
  process.env.SOFTHSM2_CONF = env.hsm.env.SOFTHSM2_CONF;
});
afterAll(async () => {
  await env?.dispose();
});

async function signOnce(tokens: TokenClient) {
  const pades = createPadesService({ tokens, stampFont: env.stampFont });
  const pdf = await pdfLibDocument();
  const { results } = await pades.signBatch({
    signer: env.leader,
    pin: LEADER_PIN,
    items: [{ documentId: 'd1', pdf, reason: 'Phê duyệt', role: { kind: 'invisible' } }],
  });
  const first = results[0]!;
  if (!first.ok) throw new Error(first.error.message);
  return first.value.pdf;
}

/** An emulated utility process: each request for a worker gets a fresh channel served by the worker code. */
function emulatedUtilityProcesses() {
  const workerEnds: MessagePort[] = [];
  const requestPort = async (): Promise<PortLike> => {
    const { port1, port2 } = new MessageChannel();
    serveTokenRequests({
      onMessage: (listener) => port2.on('message', (m: WorkerEnvelope) => listener(m)),
      post: (reply) => port2.postMessage(reply),
    });
    workerEnds.push(port2);
    return nodePort(port1);
  };
  return { requestPort, workerEnds };
}

describe('token client transports', () => {
  it('fork: lists the tokens and signs a PDF that pdfsig accepts', async () => {
    const tokens = createTokenClient({ transport: forkTransport({ env: env.hsm.env }) });
    const listed = await tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] });
    expect(listed.tokens.map((t) => t.label).sort()).toEqual(['CO QUAN', 'KHAC', 'LANH DAO']);
    expect(tokens.workerPid()).toBeGreaterThan(0);
    const signed = await signOnce(tokens);
    expect(pdfsig(signed, env.nssDir, env.pki.dir)).toMatchObject([{ signatureValid: true, certificateTrusted: true }]);
    await tokens.dispose();
  });

  it('MessagePort: the same calls work over a port to a worker someone else started', async () => {
    const hosts = emulatedUtilityProcesses();
    const tokens = createTokenClient({ transport: messagePortTransport(hosts.requestPort) });
    const listed = await tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] });
    expect(listed.tokens.find((t) => t.label === 'LANH DAO')?.certificates).toHaveLength(1);
    const signed = await signOnce(tokens);
    expect(pdfsig(signed, env.nssDir, env.pki.dir)).toMatchObject([{ signatureValid: true, certificateTrusted: true }]);
    expect(hosts.workerEnds).toHaveLength(1);
    await tokens.dispose();
  });

  it('MessagePort: a worker that dies fails the session as an unplugged token, and the next call gets a new worker', async () => {
    const hosts = emulatedUtilityProcesses();
    const tokens = createTokenClient({ transport: messagePortTransport(hosts.requestPort) });
    const opened = await tokens.call({ op: 'openSession', token: env.leader.token, pin: LEADER_PIN, confirmFinalTry: false });
    // The worker's end goes away (its utility process crashed): the core's port closes.
    hosts.workerEnds[0]!.close();
    await expect(
      tokens.call({ op: 'sign', sessionId: opened.sessionId, keyId: '01', mechanism: 'RSA_PKCS', dataBase64: 'AA==' }),
    ).rejects.toMatchObject({ code: 'TOKEN_REMOVED' });
    const listed = await tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] });
    expect(listed.tokens.length).toBe(3);
    expect(hosts.workerEnds).toHaveLength(2);
    await tokens.dispose();
  });

  it('says the token service is unavailable when no worker can be started, and retries on the next call', async () => {
    let attempts = 0;
    const hosts = emulatedUtilityProcesses();
    const tokens = createTokenClient({
      transport: messagePortTransport(() => (++attempts === 1 ? Promise.reject(new Error('spawn failed')) : hosts.requestPort())),
    });
    await expect(tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] })).rejects.toMatchObject({ code: 'TOKEN_MODULE_UNAVAILABLE' });
    expect((await tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] })).tokens.length).toBe(3);
    await tokens.dispose();
  });
});
