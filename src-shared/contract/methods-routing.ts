/**
 * Contract of routing, handling and task tracking (issue 6): calls and events, spread into methods.ts.
 * Writes are optimistic: they return as soon as the mutation is queued; lists show confirmed rows and the user's
 * pending ones (`syncState`), and a refused one keeps the server's Vietnamese reason in `rejectReason`.
 */
import { z } from 'zod';
import { DOC_TYPE_CODES } from '../domain/doc-types';
import { isoDate, uuid, sha256Hex } from '../domain/entities';
import { INCOMING_STATUSES, SECRECIES, URGENCIES } from '../domain/enums';
import {
  ASSIGNMENT_ROLES,
  HOLIDAY_KINDS,
  OPINION_FILE_KINDS,
  assignmentSchema,
  extensionRequestSchema,
  holidaySchema,
  opinionSchema,
  routingEventSchema,
  taskReportSchema,
  taskSchema,
  workFileSchema,
} from '../domain/routing';
import { DEADLINE_UNITS } from '../domain/working-days';

const empty = z.object({}).strict();
const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });
const queued = z.object({ id: z.string(), queued: z.literal(true) });

const syncStateFields = {
  syncState: z.enum(['synced', 'pending', 'rejected']),
  /** Why the server refused it (Vietnamese), when syncState is 'rejected'. */
  rejectReason: z.string().nullable(),
};

/** A deadline given as a date, or as an amount of calendar/working days from today (computed in the core). */
export const dueInputSchema = z.union([
  z.object({ date: isoDate }),
  z.object({ amount: z.number().int().min(0).max(3650), unit: z.enum(DEADLINE_UNITS) }),
]);
export type DueInput = z.input<typeof dueInputSchema>;

export const assigneeInputSchema = z
  .object({
    assigneeUserId: uuid.nullable().default(null),
    assigneeUnitId: uuid.nullable().default(null),
    role: z.enum(ASSIGNMENT_ROLES),
    due: dueInputSchema.nullable().default(null),
  })
  .refine((a) => (a.assigneeUserId === null) !== (a.assigneeUnitId === null), 'Chọn một người hoặc một đơn vị');
export type AssigneeInput = z.input<typeof assigneeInputSchema>;

export const routingFileInputSchema = z.object({
  sha256: sha256Hex,
  name: z.string().min(1).max(255),
  kind: z.enum(OPINION_FILE_KINDS),
});

/** The document fields lists of routing need (the full record stays in documents.getIncoming). */
export const routingDocumentSummarySchema = z.object({
  id: uuid,
  arrivalNumber: z.number().int().nullable(),
  arrivalDate: isoDate,
  issuer: z.string(),
  number: z.string().nullable(),
  notation: z.string(),
  documentDate: isoDate,
  docType: z.enum(DOC_TYPE_CODES),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  /** Hạn xử lý written on the document at registration. */
  dueDate: isoDate.nullable(),
  status: z.enum(INCOMING_STATUSES),
});
export type RoutingDocumentSummary = z.infer<typeof routingDocumentSummarySchema>;

const deadlineFields = {
  /** Past the due date and still open. */
  overdue: z.boolean(),
  /** Open and at most DUE_SOON_WORKING_DAYS working days left. */
  dueSoon: z.boolean(),
  /** Working days from today to the due date (negative when overdue); null without a due date. */
  workingDaysLeft: z.number().int().nullable(),
};

export const assignmentViewSchema = assignmentSchema.extend({
  assigneeName: z.string(),
  assignedByName: z.string(),
  ...deadlineFields,
  ...syncStateFields,
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const historyItemSchema = routingEventSchema.extend({ actorName: z.string(), ...syncStateFields });
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const opinionViewSchema = opinionSchema.extend({ authorName: z.string(), ...syncStateFields });
export type OpinionView = z.infer<typeof opinionViewSchema>;

export const extensionViewSchema = extensionRequestSchema.extend({
  requestedByName: z.string(),
  decidedByName: z.string().nullable(),
  /** Trích yếu of the document or title of the task. */
  subjectTitle: z.string(),
  /** The signed-in user made the assignment and may decide. */
  canDecide: z.boolean(),
  ...syncStateFields,
});
export type ExtensionView = z.infer<typeof extensionViewSchema>;

export const inboxItemSchema = z.object({
  document: routingDocumentSummarySchema,
  /** The signed-in user's (or their unit's) assignment; null in the leader's inbox. */
  assignment: assignmentViewSchema.nullable(),
  /** Latest bút phê text. */
  directive: z.string().nullable(),
  /** When the clerk submitted it (leader inbox). */
  submittedAt: z.string().nullable(),
  ...syncStateFields,
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const documentRoutingSchema = z.object({
  document: routingDocumentSummarySchema,
  assignments: z.array(assignmentViewSchema),
  directives: z.array(z.object({ id: uuid, text: z.string(), authorName: z.string(), createdAt: z.string(), ...syncStateFields })),
  /** Every step, oldest first. */
  history: z.array(historyItemSchema),
  opinions: z.array(opinionViewSchema),
  extensionRequests: z.array(extensionViewSchema),
  workFiles: z.array(z.object({ id: uuid, code: z.string(), title: z.string() })),
  /** What the signed-in user may do now (the server checks again). */
  can: z.object({
    submit: z.boolean(),
    assign: z.boolean(),
    /** Assignments the user may hand on inside their unit. */
    reassign: z.array(uuid),
    /** Assignments the user may complete, return, report on or ask an extension for. */
    handle: z.array(uuid),
  }),
});
export type DocumentRouting = z.infer<typeof documentRoutingSchema>;

export const taskItemSchema = taskSchema.extend({
  assignedByName: z.string(),
  primaryAssigneeName: z.string(),
  assignments: z.array(assignmentViewSchema),
  myAssignment: assignmentViewSchema.nullable(),
  /** Latest reported percentage of the primary assignee (0 when none). */
  progress: z.number().int().min(0).max(100),
  documentSubject: z.string().nullable(),
  ...deadlineFields,
  ...syncStateFields,
});
export type TaskItem = z.infer<typeof taskItemSchema>;

export const taskDetailSchema = taskItemSchema.extend({
  reports: z.array(taskReportSchema.extend({ authorName: z.string(), ...syncStateFields })),
  opinions: z.array(opinionViewSchema),
  history: z.array(historyItemSchema),
  extensionRequests: z.array(extensionViewSchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const reminderSchema = z.object({
  /** Stable per subject and kind, so the shell notifies once. */
  key: z.string(),
  kind: z.enum(['dueSoon', 'overdue', 'extensionPending', 'handoverSoon']),
  subjectKind: z.enum(['document', 'task', 'workFile']),
  subjectId: uuid,
  assignmentId: uuid.nullable(),
  title: z.string(),
  dueDate: isoDate.nullable(),
  /** Vietnamese, one sentence saying what to do. */
  message: z.string(),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const workFileItemSchema = workFileSchema.extend({
  ownerName: z.string(),
  documentCount: z.number().int().min(0),
  /** Closed files go to the archive within a year of closing. */
  handoverDueDate: isoDate.nullable(),
  /** Vietnamese warning from 30 days before the hand-over date. */
  handoverWarning: z.string().nullable(),
  ...syncStateFields,
});
export type WorkFileItem = z.infer<typeof workFileItemSchema>;

export const ROUTING_METHODS = {
  /** Lãnh đạo: submitted documents waiting for a directive (with `includeAssigned`, also those already assigned). */
  'routing.leaderInbox': method(z.object({ includeAssigned: z.boolean().default(false) }), z.array(inboxItemSchema)),
  /** Văn bản cần xử lý: one row per assignment of the user (and of their unit for a unit head). */
  'routing.myDocuments': method(
    z.object({ role: z.enum(ASSIGNMENT_ROLES).optional(), state: z.enum(['open', 'done', 'all']).default('open') }),
    z.array(inboxItemSchema),
  ),
  'routing.getDocument': method(z.object({ documentId: uuid }), documentRoutingSchema),
  'routing.submit': method(z.object({ documentId: uuid, leaderId: uuid.nullable().default(null), note: z.string().max(2000).default('') }), queued),
  'routing.assign': method(
    z.object({ documentId: uuid, directive: z.string().trim().max(2000), assignments: z.array(assigneeInputSchema).min(1).max(100) }),
    queued,
  ),
  'routing.reassign': method(
    z.object({ assignmentId: uuid, note: z.string().max(2000).default(''), assignments: z.array(assigneeInputSchema).min(1).max(100) }),
    queued,
  ),
  'routing.addOpinion': method(
    z.object({
      documentId: uuid.nullable().default(null),
      taskId: uuid.nullable().default(null),
      assignmentId: uuid.nullable().default(null),
      text: z.string().trim().min(1, 'Nhập nội dung ý kiến').max(4000),
      files: z.array(routingFileInputSchema).max(20).default([]),
    }),
    queued,
  ),
  'routing.complete': method(
    z.object({
      assignmentId: uuid,
      resultNote: z.string().max(2000).default(''),
      replyNotation: z.string().trim().max(100).nullable().default(null),
      files: z.array(routingFileInputSchema).max(20).default([]),
    }),
    queued,
  ),
  'routing.return': method(z.object({ assignmentId: uuid, reason: z.string().trim().min(1, 'Nhập lý do trả lại').max(2000) }), queued),
  'tasks.list': method(
    z.object({
      scope: z.enum(['mine', 'assignedByMe', 'all']).default('mine'),
      filter: z.enum(['open', 'dueSoon', 'overdue', 'done', 'all']).default('open'),
    }),
    z.array(taskItemSchema),
  ),
  'tasks.get': method(z.object({ taskId: uuid }), taskDetailSchema),
  'tasks.create': method(
    z.object({
      title: z.string().trim().min(1, 'Nhập tên nhiệm vụ').max(500),
      description: z.string().max(4000).default(''),
      documentId: uuid.nullable().default(null),
      due: dueInputSchema,
      assignments: z.array(assigneeInputSchema).min(1).max(100),
    }),
    queued,
  ),
  'tasks.report': method(
    z.object({ assignmentId: uuid, percent: z.number().int().min(0).max(100), text: z.string().trim().min(1, 'Nhập nội dung báo cáo').max(4000) }),
    queued,
  ),
  /** For a task's or a document's assignment: only its assignee, only before the deadline. */
  'tasks.requestExtension': method(
    z.object({ assignmentId: uuid, requestedDueDate: isoDate, reason: z.string().trim().min(1, 'Nhập lý do xin gia hạn').max(2000) }),
    queued,
  ),
  'tasks.decideExtension': method(z.object({ requestId: uuid, approve: z.boolean(), note: z.string().max(2000).default('') }), queued),
  'tasks.extensionRequests': method(z.object({ scope: z.enum(['toDecide', 'mine', 'all']).default('toDecide') }), z.array(extensionViewSchema)),
  /** Due-soon and overdue work, pending extension decisions and work files near hand-over, for the signed-in user. */
  'tasks.reminders': method(empty, z.array(reminderSchema)),
  'holidays.list': method(
    z.object({ year: z.number().int().min(2000).max(2100) }),
    z.object({
      days: z.array(z.object({ date: isoDate, name: z.string(), source: z.enum(['builtIn', 'configured']) })),
      configured: z.array(holidaySchema),
    }),
  ),
  /** Admin: add, change or remove (active=false) a day off or a weekend working day. */
  'holidays.set': method(
    z.object({ date: isoDate, name: z.string().trim().min(1, 'Nhập tên ngày nghỉ').max(200), kind: z.enum(HOLIDAY_KINDS), active: z.boolean() }),
    queued,
  ),
  'deadlines.compute': method(
    z.object({ from: isoDate.optional(), amount: z.number().int().min(0).max(3650), unit: z.enum(DEADLINE_UNITS) }),
    z.object({ dueDate: isoDate, workingDays: z.number().int() }),
  ),
  'workfiles.list': method(
    z.object({ year: z.number().int().optional(), status: z.enum(['open', 'closed', 'all']).default('all') }),
    z.array(workFileItemSchema),
  ),
  'workfiles.get': method(z.object({ id: uuid }), workFileItemSchema.extend({ documents: z.array(routingDocumentSummarySchema) })),
  'workfiles.create': method(
    z.object({
      code: z.string().trim().min(1, 'Nhập số, ký hiệu hồ sơ').max(20),
      title: z.string().trim().min(1, 'Nhập tiêu đề hồ sơ').max(500),
      retentionYears: z.number().int().min(1).max(100).nullable(),
      year: z.number().int().min(2000).max(2100).optional(),
      description: z.string().max(2000).default(''),
    }),
    queued,
  ),
  'workfiles.addDocument': method(z.object({ workFileId: uuid, documentId: uuid }), queued),
  'workfiles.close': method(z.object({ workFileId: uuid }), queued),
  /**
   * Share of staff who used the system each day (online only: the server records usage on login/push/pull).
   * Leaders and admins only.
   */
  'reports.usage': method(
    z.object({ from: isoDate, to: isoDate }),
    z.object({
      days: z.array(z.object({ day: isoDate, activeUsers: z.number().int(), totalUsers: z.number().int(), share: z.number() })),
      users: z.array(z.object({ userId: uuid, fullName: z.string(), activeDays: z.number().int() })),
    }),
  ),
} as const;

export const ROUTING_EVENTS = {
  /** Reminders changed (after a pull, a local change, or the daily tick); the shell shows new ones as notifications. */
  'tasks.reminder': z.object({ items: z.array(reminderSchema) }),
} as const;
