/**
 * Wires the văn bản đi services for the composition root (index.ts): drafts, issuance, dispatch, SMTP, registers.
 * Kept here so index.ts only gains one call.
 */
import type Database from 'better-sqlite3';
import type { Organization, User } from '../../../src-shared/domain/entities';
import type { SecretStore } from '../settings';
import { exportOutgoingRegister } from '../reports/outgoing-registers';
import { createDispatchService } from './dispatch.service';
import { createDraftsService, type SignFilesFn } from './drafts.service';
import { createIssuanceService } from './issuance.service';
import { createSmtpSender } from './smtp-sender';

export type OutgoingModuleDeps = {
  sqlite: Database.Database;
  dataDir: string;
  secrets: SecretStore;
  requireUser: () => User;
  organization: () => Organization;
  resourcesDir: () => string;
  /** A mutation was queued: tell the UI and wake the sync engine. */
  onQueued: () => void;
  syncNow: () => Promise<unknown>;
  signFiles: SignFilesFn;
  readFile: (sha256: string) => Promise<Uint8Array>;
  stageBytes: (name: string, bytes: Uint8Array) => Promise<{ sha256: string; name: string; mime: string; size: number }>;
  emitNumberAllocated: (e: { outgoingId: string; number: number; numberNotation: string; provisionalNumber: number | null }) => void;
  now?: () => Date;
};

export function createOutgoingModule(deps: OutgoingModuleDeps) {
  const now = deps.now ?? (() => new Date());
  const smtp = createSmtpSender({ dataDir: deps.dataDir, secrets: deps.secrets });
  const drafts = createDraftsService(deps);
  const issuance = createIssuanceService(deps);
  const dispatch = createDispatchService({ ...deps, smtp });
  return {
    drafts,
    issuance,
    dispatch,
    smtp,
    exportRegister(kind: 'outgoing' | 'postal', p: { from: string; to: string; format: 'pdf' | 'xlsx' }) {
      deps.requireUser();
      return exportOutgoingRegister(deps.sqlite, kind, p, { organization: deps.organization(), resourcesDir: deps.resourcesDir(), now: now() });
    },
  };
}
export type OutgoingModule = ReturnType<typeof createOutgoingModule>;
