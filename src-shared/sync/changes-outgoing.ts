/** Pull changes of văn bản đi (issue 7): spread into the change union of ./protocol.ts. */
import { z } from 'zod';
import {
  draftStepSchema,
  draftVersionSchema,
  outgoingDocumentSchema,
  outgoingDraftSchema,
  outgoingRecipientSchema,
  postalEntrySchema,
} from '../domain/outgoing';

const change = <E extends string, D extends z.ZodType>(entity: E, data: D) =>
  z.object({ entity: z.literal(entity), id: z.string(), version: z.number(), deleted: z.boolean(), data: data.optional() });

export const OUTGOING_CHANGES = [
  change('outgoingDraft', outgoingDraftSchema),
  change('draftVersion', draftVersionSchema),
  change('draftStep', draftStepSchema),
  change('outgoingDocument', outgoingDocumentSchema),
  change('outgoingRecipient', outgoingRecipientSchema),
  change('postalEntry', postalEntrySchema),
] as const;

export const OUTGOING_ENTITIES = ['outgoingDraft', 'draftVersion', 'draftStep', 'outgoingDocument', 'outgoingRecipient', 'postalEntry'] as const;
export type OutgoingEntity = (typeof OUTGOING_ENTITIES)[number];
