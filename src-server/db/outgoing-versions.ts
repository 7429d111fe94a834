/** The outgoing tables' share of maxCommittedVersion (db/versions.ts). */
import { sql } from 'drizzle-orm';

const TABLES = ['outgoing_drafts', 'draft_versions', 'draft_steps', 'outgoing_documents', 'outgoing_recipients', 'postal_entries'];

export const OUTGOING_MAX_VERSIONS = sql.raw(TABLES.map((t) => `(SELECT max(version) FROM ${t})`).join(', '));
