/**
 * PAdES signing use cases: sign one PDF or a batch with one PIN entry. Every signature is an incremental
 * update; the certificate is checked before the PIN is asked; a timestamp is embedded when the TSA answers,
 * otherwise the document is queued for a later document timestamp. The PIN is passed to the token worker for
 * one login per batch and not kept anywhere.
 */
import { randomUUID } from 'node:crypto';
import { AppError, DEFAULT_MESSAGES, type ErrorValue } from '../../../src-shared/contract/errors';
import { createCmsSignature, sha256, type KeyAlgorithm } from './cms';
import { assertUsableForSigning, parseCertificate, type CertificateInfo } from './certificate-info';
import {
  attachmentStampLines,
  combinedAppearance,
  fillInTextAppearance,
  copyStampLines,
  imageAppearance,
  sealRectOver,
  textStampAppearance,
  type FillInText,
} from './appearance';
import {
  digestByteRange,
  embedCms,
  findSignatureWidget,
  prepareSignatureRevision,
  type PdfRect,
  type SignatureFieldSpec,
} from './pdf-incremental';
import type { TokenClient } from './token.client';
import type { TokenRef } from './token.protocol';
import { createTokenSigner } from './token-signer';
import type { TsaClient } from './tsa';

export const APPROVAL_FIELD_PREFIX = 'ChuKyLanhDao';
export const ISSUANCE_FIELD_PREFIX = 'ChuKyCoQuan';

/** Which ND30 signature this is, and what its appearance needs. */
export type SignatureRole =
  | { kind: 'approval'; signatureImage: Uint8Array; pageIndex: number; rect: PdfRect }
  | {
      kind: 'issuance';
      sealImage: Uint8Array;
      sealDiameterMm?: number;
      pageIndex?: number;
      rect?: PdfRect;
      /** Number and issue date the system fills in at issuance (the draft leaves them blank). */
      fillIn?: FillInText[];
    }
  | { kind: 'attachment'; numberAndSymbol: string }
  | { kind: 'copy'; copyForm: string; copyingOrganization: string }
  | { kind: 'invisible' };

export type SignerSelection = {
  token: TokenRef;
  keyId: string;
  certDer: Uint8Array;
  chainDer?: Uint8Array[];
};

export type SigningDeps = {
  tokens: TokenClient;
  /** Times New Roman-metric font with Vietnamese glyphs, for text stamps. */
  stampFont: Uint8Array;
  tsa?: TsaClient;
  now?: () => Date;
  /** Receives documents signed without a timestamp, to add a document timestamp later. */
  onTimestampMissing?: (documentId: string) => Promise<void>;
  contentsBytes?: number;
};

export type SignItem = { documentId: string; pdf: Uint8Array; role: SignatureRole; reason: string; location?: string };

export type SignedDocument = {
  documentId: string;
  pdf: Uint8Array;
  timestamp: 'embedded' | 'queued' | 'none';
  signingTime: Date;
};

export type BatchResult = { documentId: string } & ({ ok: true; value: SignedDocument } | { ok: false; error: ErrorValue });

export type BatchProgress = { done: number; total: number; documentId: string; ok: boolean };

export type SigningSession = {
  certificate: CertificateInfo;
  warning?: { code: 'PIN_COUNT_LOW'; message: string };
  sign(item: SignItem): Promise<SignedDocument>;
  close(): Promise<void>;
};

const DEFAULT_CONTENTS_BYTES = 24 * 1024;

export function createPadesService(deps: SigningDeps) {
  const now = deps.now ?? (() => new Date());

  async function widgetFor(pdf: Uint8Array, role: SignatureRole, signingTime: Date): Promise<SignatureFieldSpec['buildWidget']> {
    switch (role.kind) {
      case 'approval':
        return imageAppearance({ png: role.signatureImage, pageIndex: role.pageIndex, rect: role.rect });
      case 'issuance': {
        let seal = role.rect ? { pageIndex: role.pageIndex ?? 0, rect: role.rect } : undefined;
        if (!seal) {
          // The seal goes over the left third of the leader's approval signature already in the file.
          const approval = await findSignatureWidget(pdf, APPROVAL_FIELD_PREFIX);
          if (!approval) {
            throw new AppError('INVALID_INPUT', 'Văn bản chưa có chữ ký của lãnh đạo. Hãy trình lãnh đạo ký trước khi đóng dấu số.');
          }
          seal = { pageIndex: approval.pageIndex, rect: sealRectOver(approval.rect, role.sealDiameterMm) };
        }
        const sealPart = imageAppearance({ png: role.sealImage, ...seal });
        const fillIn = role.fillIn ?? [];
        if (fillIn.some((t) => t.pageIndex !== seal.pageIndex)) {
          throw new AppError('INVALID_INPUT', 'Số và ngày văn bản phải nằm cùng trang với dấu của cơ quan.');
        }
        if (fillIn.length === 0) return sealPart;
        return combinedAppearance([sealPart, ...fillIn.map((t) => fillInTextAppearance({ ...t, font: deps.stampFont }))]);
      }
      case 'attachment':
        return textStampAppearance({ lines: attachmentStampLines(role.numberAndSymbol, signingTime), font: deps.stampFont });
      case 'copy':
        return textStampAppearance({ lines: copyStampLines(role.copyForm, role.copyingOrganization, signingTime), font: deps.stampFont });
      case 'invisible':
        return undefined;
    }
  }

  function fieldPrefix(role: SignatureRole): string {
    return role.kind === 'approval' ? APPROVAL_FIELD_PREFIX : ISSUANCE_FIELD_PREFIX;
  }

  /** Checks the certificate, logs in once, and returns a session that signs documents one by one. */
  async function openSession(args: {
    signer: SignerSelection;
    pin: string;
    confirmFinalTry?: boolean;
  }): Promise<SigningSession> {
    const certificate = parseCertificate(args.signer.certDer);
    // Refuse an unusable certificate before the PIN is even tried: a wasted try can lock the token.
    assertUsableForSigning(certificate, now());
    const keyAlgorithm = certificate.keyAlgorithm as KeyAlgorithm;
    const opened = await deps.tokens.call({
      op: 'openSession',
      token: args.signer.token,
      pin: args.pin,
      confirmFinalTry: args.confirmFinalTry ?? false,
    });
    const signer = createTokenSigner({
      tokens: deps.tokens,
      sessionId: opened.sessionId,
      keyId: args.signer.keyId,
      keyAlgorithm,
      certDer: args.signer.certDer,
    });
    let tokenGone = false;

    return {
      certificate,
      warning: opened.warning,
      async sign(item) {
        if (tokenGone) {
          throw new AppError('TOKEN_REMOVED', 'Văn bản này chưa được ký vì USB ký số đã bị rút ra. Hãy cắm lại USB token và ký lại văn bản này.');
        }
        const signingTime = now();
        const prepared = await prepareSignatureRevision(item.pdf, {
          // Unique even when two signatures share a timestamp (field names must differ within a file).
          fieldName: `${fieldPrefix(item.role)}-${signingTime.getTime()}-${randomUUID().slice(0, 8)}`,
          kind: 'signature',
          signerName: certificate.subjectCommonName,
          reason: item.reason,
          location: item.location,
          signingTime,
          contentsBytes: deps.contentsBytes ?? DEFAULT_CONTENTS_BYTES,
          buildWidget: await widgetFor(item.pdf, item.role, signingTime),
        });
        let timestamp: SignedDocument['timestamp'] = deps.tsa ? 'queued' : 'none';
        let cms: Uint8Array;
        try {
          cms = await createCmsSignature({
            signer,
            signerCertDer: args.signer.certDer,
            chainDer: args.signer.chainDer,
            contentDigest: digestByteRange(prepared),
            timestamp: deps.tsa
              ? async (signatureValue) => {
                  try {
                    const token = await deps.tsa!.timestamp(sha256(signatureValue));
                    timestamp = 'embedded';
                    return token;
                  } catch (err) {
                    if (err instanceof AppError && err.code === 'TIMESTAMP_UNAVAILABLE') return undefined;
                    throw err;
                  }
                }
              : undefined,
          });
        } catch (err) {
          if (err instanceof AppError && err.code === 'TOKEN_REMOVED') tokenGone = true;
          throw err;
        }
        const pdf = embedCms(prepared, cms);
        if (timestamp === 'queued') await deps.onTimestampMissing?.(item.documentId);
        return { documentId: item.documentId, pdf, timestamp, signingTime };
      },
      async close() {
        await deps.tokens.call({ op: 'closeSession', sessionId: opened.sessionId }).catch(() => undefined);
      },
    };
  }

  /**
   * Signs many documents with one PIN entry. One failing document does not stop the others; once the token
   * is gone the remaining documents are reported as not signed instead of being tried.
   */
  async function signBatch(args: {
    signer: SignerSelection;
    pin: string;
    confirmFinalTry?: boolean;
    items: SignItem[];
    onProgress?: (p: BatchProgress) => void;
  }): Promise<{ warning?: SigningSession['warning']; results: BatchResult[] }> {
    const session = await openSession(args);
    const results: BatchResult[] = [];
    try {
      for (const item of args.items) {
        let result: BatchResult;
        try {
          result = { documentId: item.documentId, ok: true, value: await session.sign(item) };
        } catch (err) {
          const error =
            err instanceof AppError ? err.toValue() : { code: 'INTERNAL' as const, message: DEFAULT_MESSAGES.INTERNAL };
          result = { documentId: item.documentId, ok: false, error };
        }
        results.push(result);
        args.onProgress?.({ done: results.length, total: args.items.length, documentId: item.documentId, ok: result.ok });
      }
    } finally {
      await session.close();
    }
    return { warning: session.warning, results };
  }

  return { openSession, signBatch };
}

export type PadesService = ReturnType<typeof createPadesService>;
