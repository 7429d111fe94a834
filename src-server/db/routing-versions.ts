/** The routing tables' share of maxCommittedVersion (db/versions.ts): every table that carries a version. */
import { sql } from 'drizzle-orm';

const TABLES = [
  'assignments', 'directives', 'routing_events', 'opinions', 'tasks', 'task_reports', 'extension_requests',
  'holidays', 'work_files', 'work_file_documents', 'access_revocations',
];

export const ROUTING_MAX_VERSIONS = sql.raw(TABLES.map((t) => `(SELECT max(version) FROM ${t})`).join(', '));
