/**
 * A tiny RFC 3161 time-stamping authority run in-process over HTTP for tests, signing with the
 * openssl-made TSA certificate of the test PKI. It can be switched to "down" to test offline signing.
 */
import { sign as nodeSign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ab, createCmsSignature, OID, sha256 } from '../../src-main/core/signing/cms';
import type { TestIdentity } from './pki';

export type TestTsa = { url: string; requests: number; setDown(down: boolean): void; close(): Promise<void> };

export async function startTestTsa(tsa: TestIdentity): Promise<TestTsa> {
  let down = false;
  let serial = 1;
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      if (down) {
        res.writeHead(503).end();
        return;
      }
      void answer(Buffer.concat(chunks)).then(
        (body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
    });
  });

  async function answer(body: Buffer): Promise<Buffer> {
    const request = pkijs.TimeStampReq.fromBER(ab(new Uint8Array(body)));
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.55555.1.1',
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: new Date(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const tstInfo = new Uint8Array(info.toSchema().toBER());
    const token = await createCmsSignature({
      signer: { keyAlgorithm: 'RSA', sign: async (data) => new Uint8Array(nodeSign('sha256', data, tsa.keyPem)) },
      signerCertDer: tsa.certDer,
      contentDigest: sha256(tstInfo),
      eContent: { type: OID.tstInfo, value: tstInfo },
    });
    const resp = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: 0 }),
      timeStampToken: pkijs.ContentInfo.fromBER(ab(token)),
    });
    return Buffer.from(resp.toSchema().toBER());
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return state.requests;
    },
    setDown(value) {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
