/**
 * RFC 3161 timestamp client: asks the configured TSA to timestamp a signature value (or a whole document for
 * a later document timestamp) and checks that the answer is about our hash and nonce before using it.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../../src-shared/contract/errors';
import { OID } from './cms';

export type TsaClient = {
  /** Returns the TimeStampToken (CMS ContentInfo, DER) for a SHA-256 digest. */
  timestamp(digest: Uint8Array): Promise<Uint8Array>;
};

export type TsaOptions = { url: string; timeoutMs?: number };

export function createTsaClient(options: TsaOptions): TsaClient {
  return {
    async timestamp(digest) {
      const nonce = randomBytes(8);
      nonce[0]! &= 0x7f; // keep the INTEGER positive
      const request = new pkijs.TimeStampReq({
        version: 1,
        messageImprint: new pkijs.MessageImprint({
          hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
          hashedMessage: new asn1js.OctetString({ valueHex: digest.slice().buffer }),
        }),
        nonce: new asn1js.Integer({ valueHex: new Uint8Array(nonce).buffer }),
        certReq: true,
      });
      let body: ArrayBuffer;
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query' },
          body: new Uint8Array(request.toSchema().toBER()),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        if (!res.ok) throw new Error(`TSA answered HTTP ${res.status}`);
        body = await res.arrayBuffer();
      } catch (err) {
        throw new AppError('TIMESTAMP_UNAVAILABLE', undefined, String(err));
      }
      return checkResponse(body, digest, nonce);
    },
  };
}

function checkResponse(body: ArrayBuffer, digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(body);
  } catch (err) {
    throw new AppError('TIMESTAMP_UNAVAILABLE', undefined, `bad TSA response: ${String(err)}`);
  }
  const status = resp.status.status;
  if ((status !== 0 && status !== 1) || !resp.timeStampToken) {
    throw new AppError('TIMESTAMP_UNAVAILABLE', undefined, `TSA refused with status ${status}`);
  }
  const info = readTstInfo(resp.timeStampToken);
  const imprint = new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  const answeredNonce = info.nonce ? new Uint8Array(info.nonce.valueBlock.valueHexView) : undefined;
  if (Buffer.compare(imprint, digest) !== 0 || !answeredNonce || Buffer.compare(stripZeros(answeredNonce), stripZeros(nonce)) !== 0) {
    throw new AppError('TIMESTAMP_UNAVAILABLE', undefined, 'TSA answered for another request');
  }
  return new Uint8Array(resp.timeStampToken.toSchema().toBER());
}

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** The TSTInfo inside a timestamp token (genTime, imprint, serial). */
export function readTstInfo(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: token.content });
  const eContent = signed.encapContentInfo.eContent;
  if (!eContent) throw new AppError('SIGNATURE_INVALID', undefined, 'timestamp token without TSTInfo');
  return pkijs.TSTInfo.fromBER(eContent.getValue());
}
