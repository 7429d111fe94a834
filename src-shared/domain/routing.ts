/**
 * Routing, handling and task tracking (issue 6): the entities that travel between server, replica and UI.
 * Vocabulary of DOMAIN.md: bút phê = directive, phân công = assignment, nhiệm vụ = Task, xin gia hạn = ExtensionRequest,
 * hồ sơ công việc = WorkFile. An assignment belongs to ONE subject: an incoming document or a task.
 */
import { z } from 'zod';
import { isoDate, isoDateTime, sha256Hex, uuid } from './entities';

/** Xử lý chính (exactly one per document/task), phối hợp, để biết (read only). */
export const ASSIGNMENT_ROLES = ['primary', 'coordinator', 'informed'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = {
  primary: 'Xử lý chính',
  coordinator: 'Phối hợp',
  informed: 'Để biết',
};

/**
 * open: waiting for the assignee; done: finished (with the reply); returned: sent back with a reason;
 * forwarded: a unit head handed it on inside the unit (a child assignment carries it); revoked: taken away.
 */
export const ASSIGNMENT_STATUSES = ['open', 'done', 'returned', 'forwarded', 'revoked'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  open: 'Đang xử lý',
  done: 'Hoàn thành',
  returned: 'Đã trả lại',
  forwarded: 'Đã giao tiếp',
  revoked: 'Đã thu hồi',
};

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: 'Đang thực hiện', done: 'Hoàn thành', cancelled: 'Đã hủy' };

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, string> = {
  pending: 'Chờ duyệt',
  approved: 'Đồng ý gia hạn',
  refused: 'Không đồng ý',
};

/** What happened to a document or task: its full history (who, what, when, with what directive). */
export const ROUTING_EVENT_KINDS = [
  'submitted',
  'directed',
  'reassigned',
  'opinion',
  'completed',
  'returned',
  'taskCreated',
  'progress',
  'extensionRequested',
  'extensionApproved',
  'extensionRefused',
  'addedToWorkFile',
] as const;
export type RoutingEventKind = (typeof ROUTING_EVENT_KINDS)[number];
export const ROUTING_EVENT_LABELS: Record<RoutingEventKind, string> = {
  submitted: 'Trình lãnh đạo',
  directed: 'Bút phê, phân công',
  reassigned: 'Giao tiếp trong đơn vị',
  opinion: 'Ý kiến xử lý',
  completed: 'Hoàn thành xử lý',
  returned: 'Trả lại',
  taskCreated: 'Giao nhiệm vụ',
  progress: 'Báo cáo tiến độ',
  extensionRequested: 'Xin gia hạn',
  extensionApproved: 'Đồng ý gia hạn',
  extensionRefused: 'Không đồng ý gia hạn',
  addedToWorkFile: 'Đưa vào hồ sơ',
};

/** Files attached to an opinion or a completion: kết quả xử lý, dự thảo, tài liệu kèm theo. */
export const OPINION_FILE_KINDS = ['result', 'draft', 'attachment'] as const;
export type OpinionFileKind = (typeof OPINION_FILE_KINDS)[number];
export const OPINION_FILE_KIND_LABELS: Record<OpinionFileKind, string> = {
  result: 'Kết quả xử lý',
  draft: 'Dự thảo',
  attachment: 'Tài liệu kèm theo',
};

export const routingFileSchema = z.object({
  sha256: sha256Hex,
  name: z.string().min(1).max(255),
  size: z.number().int().min(1),
  mime: z.string().min(1).max(100),
  kind: z.enum(OPINION_FILE_KINDS),
});
export type RoutingFile = z.infer<typeof routingFileSchema>;

export const assignmentSchema = z.object({
  id: uuid,
  /** The subject: exactly one of documentId / taskId is set. */
  documentId: uuid.nullable(),
  taskId: uuid.nullable(),
  /** The assignment a unit head forwarded (null for the leader's own assignment). */
  parentId: uuid.nullable(),
  /** Exactly one of assigneeUserId / assigneeUnitId is set (a unit assignment goes to the unit head). */
  assigneeUserId: uuid.nullable(),
  assigneeUnitId: uuid.nullable(),
  role: z.enum(ASSIGNMENT_ROLES),
  /** Hạn xử lý of this assignee (may move with an approved extension). */
  dueDate: isoDate.nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  assignedBy: uuid,
  directiveId: uuid.nullable(),
  /** Kết quả / lý do trả lại, written by the assignee. */
  resultNote: z.string().max(2000),
  /** Số, ký hiệu văn bản trả lời (tracking register column). */
  replyNotation: z.string().max(100).nullable(),
  completedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** Bút phê: the leader's written directive on a document. */
export const directiveSchema = z.object({
  id: uuid,
  documentId: uuid,
  authorId: uuid,
  text: z.string().max(2000),
  createdAt: isoDateTime,
});
export type Directive = z.infer<typeof directiveSchema>;

export const routingEventSchema = z.object({
  id: uuid,
  documentId: uuid.nullable(),
  taskId: uuid.nullable(),
  kind: z.enum(ROUTING_EVENT_KINDS),
  actorId: uuid,
  /** Human text of the step (directive, reason, assignee list…), Vietnamese. */
  text: z.string().max(4000),
  createdAt: isoDateTime,
});
export type RoutingEvent = z.infer<typeof routingEventSchema>;

export const opinionSchema = z.object({
  id: uuid,
  documentId: uuid.nullable(),
  taskId: uuid.nullable(),
  assignmentId: uuid.nullable(),
  authorId: uuid,
  text: z.string().max(4000),
  files: z.array(routingFileSchema).max(20),
  createdAt: isoDateTime,
});
export type Opinion = z.infer<typeof opinionSchema>;

export const taskSchema = z.object({
  id: uuid,
  title: z.string().min(1).max(500),
  description: z.string().max(4000),
  /** The document the task came from, if any. */
  documentId: uuid.nullable(),
  assignedBy: uuid,
  dueDate: isoDate,
  status: z.enum(TASK_STATUSES),
  createdAt: isoDateTime,
  completedAt: isoDateTime.nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskReportSchema = z.object({
  id: uuid,
  taskId: uuid,
  assignmentId: uuid,
  authorId: uuid,
  percent: z.number().int().min(0).max(100),
  text: z.string().max(4000),
  createdAt: isoDateTime,
});
export type TaskReport = z.infer<typeof taskReportSchema>;

export const extensionRequestSchema = z.object({
  id: uuid,
  assignmentId: uuid,
  documentId: uuid.nullable(),
  taskId: uuid.nullable(),
  requestedBy: uuid,
  currentDueDate: isoDate,
  requestedDueDate: isoDate,
  reason: z.string().max(2000),
  status: z.enum(EXTENSION_STATUSES),
  decidedBy: uuid.nullable(),
  decisionNote: z.string().max(2000),
  decidedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

/** An admin-configured day: an extra holiday (nghỉ bù, nghỉ lễ) or a weekend working day (làm bù). */
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const holidaySchema = z.object({
  /** The date is the identity. */
  date: isoDate,
  name: z.string().min(1).max(200),
  kind: z.enum(HOLIDAY_KINDS),
  /** false: the admin removed this entry (it overrides a built-in holiday of the same date when kind = workday). */
  active: z.boolean(),
});
export type Holiday = z.infer<typeof holidaySchema>;

export const WORK_FILE_STATUSES = ['open', 'closed'] as const;
export type WorkFileStatus = (typeof WORK_FILE_STATUSES)[number];

export const workFileSchema = z.object({
  id: uuid,
  /** Số, ký hiệu hồ sơ, e.g. `01.TCCB`. */
  code: z.string().min(1).max(20),
  title: z.string().min(1).max(500),
  /** Thời hạn bảo quản in years; null = Vĩnh viễn. */
  retentionYears: z.number().int().min(1).max(100).nullable(),
  year: z.number().int().min(2000).max(2100),
  ownerId: uuid,
  unitId: uuid.nullable(),
  description: z.string().max(2000),
  status: z.enum(WORK_FILE_STATUSES),
  closedAt: isoDate.nullable(),
  createdAt: isoDateTime,
});
export type WorkFile = z.infer<typeof workFileSchema>;

export const workFileDocumentSchema = z.object({
  id: uuid,
  workFileId: uuid,
  documentId: uuid,
  addedBy: uuid,
  addedAt: isoDateTime,
});
export type WorkFileDocument = z.infer<typeof workFileDocumentSchema>;

/** A closed work file goes to the archive within a year of closing; warn this many days before. */
export const WORK_FILE_HANDOVER_MONTHS = 12;
export const WORK_FILE_HANDOVER_WARN_DAYS = 30;
/** A deadline is "due soon" when at most this many working days remain. */
export const DUE_SOON_WORKING_DAYS = 3;
