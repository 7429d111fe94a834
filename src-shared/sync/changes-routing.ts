/** Pull changes of the routing entities (issue 6); spread into protocol.ts's `changeSchema`. */
import { z } from 'zod';
import {
  assignmentSchema,
  directiveSchema,
  extensionRequestSchema,
  holidaySchema,
  opinionSchema,
  routingEventSchema,
  taskReportSchema,
  taskSchema,
  workFileDocumentSchema,
  workFileSchema,
} from '../domain/routing';

const change = <E extends string, D extends z.ZodType>(entity: E, data: D) =>
  z.object({ entity: z.literal(entity), id: z.string(), version: z.number(), deleted: z.boolean(), data: data.optional() });

export const ROUTING_CHANGES = [
  change('assignment', assignmentSchema),
  change('directive', directiveSchema),
  change('routingEvent', routingEventSchema),
  change('opinion', opinionSchema),
  change('task', taskSchema),
  change('taskReport', taskReportSchema),
  change('extensionRequest', extensionRequestSchema),
  /** id = the date. */
  change('holiday', holidaySchema),
  change('workFile', workFileSchema),
  change('workFileDocument', workFileDocumentSchema),
] as const;
