/**
 * Local-only state of this desktop (`local.db`, ATTACHed to the replica connection as schema `local`): what this
 * desktop did and the server has not confirmed, its queues and its choices. It lives in its own file so that a damaged
 * or deleted replica (`replica.db`, confirmed server state only) can be rebuilt from the server without losing any of it.
 * Names must not repeat a replica table: queries use unqualified names and SQLite resolves them across both files.
 * Foreign keys and triggers cannot cross files; keep a table and whatever it refers to in the same file.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

/** Mutations waiting for (or refused by) the server. id = the per-client mutation id the server deduplicates on. */
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  args: text('args').notNull(),
  status: text('status', { enum: ['pending', 'rejected'] }).notNull().default('pending'),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  /** Who acted: a different user may only sign in on this desktop once these are drained. */
  userId: text('user_id').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Optimistic incoming documents; removed when the pulled confirmed row with the same id arrives. */
export const pendingIncoming = sqliteTable('pending_incoming', {
  id: text('id').primaryKey(),
  outboxId: integer('outbox_id').references(() => outbox.id, { onDelete: 'set null' }),
  registerId: text('register_id'),
  year: integer('year').notNull(),
  provisionalNumber: integer('provisional_number').notNull(),
  arrivalDate: text('arrival_date').notNull(),
  issuer: text('issuer').notNull(),
  number: text('number'),
  notation: text('notation').notNull(),
  documentDate: text('document_date').notNull(),
  docType: text('doc_type').notNull(),
  subject: text('subject').notNull(),
  urgency: text('urgency').notNull(),
  secrecy: text('secrecy').notNull(),
  dueDate: text('due_date'),
  pageCount: integer('page_count'),
  recipients: text('recipients').notNull(),
  note: text('note').notNull(),
  /** JSON array of MutationFile. */
  files: text('files').notNull(),
  searchText: text('search_text').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Single row (id = 1). The pull cursor is not here: it belongs to the replica file (`pull_state`). */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  clientId: text('client_id').notNull(),
  /** Next mutation id; never reset, even when the replica is cleared, because the server skips ids it has seen. */
  nextMutationId: integer('next_mutation_id').notNull().default(1),
  /** The user whose data this replica holds. */
  userId: text('user_id'),
  lastSuccessAt: text('last_success_at'),
  lastError: text('last_error'),
  lastErrorAt: text('last_error_at'),
});

export const blobQueue = sqliteTable('blob_queue', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  uploadedOffset: integer('uploaded_offset').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  lastError: text('last_error'),
  createdAt: text('created_at').notNull(),
});

/** Index of the content-addressed file cache (dataDir/files/ab/<sha256>). */
export const localBlobs = sqliteTable('local_blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  pageCount: integer('page_count'),
  createdAt: text('created_at').notNull(),
});

/** Offline unlock: the scrypt verifier of the last password that worked online. Never the password. */
export const authCache = sqliteTable('auth_cache', {
  username: text('username').primaryKey(),
  userId: text('user_id').notNull(),
  userJson: text('user_json').notNull(),
  orgJson: text('org_json').notNull(),
  verifier: text('verifier').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Files taken from the watched scan folder. The sha256 is the identity: a file with the same bytes is never taken twice,
 * even when the scanner writes it again under another name.
 */
export const scanIntake = sqliteTable(
  'scan_intake',
  {
    sha256: text('sha256').primaryKey(),
    /** Where the file was found, and where it was moved after being taken (the `da-nhan/` subfolder). */
    sourcePath: text('source_path').notNull(),
    takenPath: text('taken_path'),
    name: text('name').notNull(),
    /** The staged file (a PDF converted from a scan has another sha256 than the scan). */
    stagedSha256: text('staged_sha256'),
    error: text('error'),
    takenAt: text('taken_at').notNull(),
  },
  (t) => [index('scan_intake_taken_idx').on(t.takenAt)],
);

/** The server's number replaced the provisional one the clerk saw offline: kept so the change can be shown. */
export const arrivalNumberChanges = sqliteTable('arrival_number_changes', {
  documentId: text('document_id').primaryKey(),
  provisionalNumber: integer('provisional_number').notNull(),
  confirmedNumber: integer('confirmed_number').notNull(),
  changedAt: text('changed_at').notNull(),
});

/** Documents the user chose to keep available offline: their files are downloaded in the background. */
export const offlineDocuments = sqliteTable('offline_documents', {
  documentId: text('document_id').primaryKey(),
  keptAt: text('kept_at').notNull(),
});

/**
 * Durable download queue (survives restarts). A transfer that keeps failing only waits longer (≤ 1 h between
 * attempts); it leaves the queue when the bytes are cached or no kept document needs them any more.
 */
export const downloadQueue = sqliteTable('download_queue', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  /** Bytes already in the `.part` file (the file is the truth; this copy feeds sync.status.pendingBytes). */
  receivedBytes: integer('received_bytes').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at').notNull(),
  lastError: text('last_error'),
  createdAt: text('created_at').notNull(),
});
