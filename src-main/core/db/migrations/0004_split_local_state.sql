-- Local-only state moves to local.db (ATTACHed as `local` while migrations run, see open-db.ts), so a damaged or
-- deleted replica can be rebuilt from the server without losing the outbox. Rows of an existing data dir are copied
-- first (INSERT OR REPLACE: a copy interrupted by a crash is simply done again), then the old tables are dropped.
-- The pull cursor stays in this file as pull_state. On a new replica every copy reads empty tables.
CREATE TABLE `pull_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `pull_state` (`id`, `cursor`) SELECT `id`, `cursor` FROM `main`.`sync_state`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`sync_state` (id, client_id, next_mutation_id, user_id, last_success_at, last_error, last_error_at) SELECT id, client_id, next_mutation_id, user_id, last_success_at, last_error, last_error_at FROM `main`.`sync_state`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`outbox` (id, name, args, status, error_code, error_message, user_id, created_at) SELECT id, name, args, status, error_code, error_message, user_id, created_at FROM `main`.`outbox`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`pending_incoming` (id, outbox_id, register_id, year, provisional_number, arrival_date, issuer, number, notation, document_date, doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, files, search_text, created_by, created_at) SELECT id, outbox_id, register_id, year, provisional_number, arrival_date, issuer, number, notation, document_date, doc_type, subject, urgency, secrecy, due_date, page_count, recipients, note, files, search_text, created_by, created_at FROM `main`.`pending_incoming`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`blob_queue` (sha256, size, uploaded_offset, attempts, next_attempt_at, last_error, created_at) SELECT sha256, size, uploaded_offset, attempts, next_attempt_at, last_error, created_at FROM `main`.`blob_queue`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`local_blobs` (sha256, size, name, mime, page_count, created_at) SELECT sha256, size, name, mime, page_count, created_at FROM `main`.`local_blobs`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`auth_cache` (username, user_id, user_json, org_json, verifier, updated_at) SELECT username, user_id, user_json, org_json, verifier, updated_at FROM `main`.`auth_cache`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`scan_intake` (sha256, source_path, taken_path, name, staged_sha256, error, taken_at) SELECT sha256, source_path, taken_path, name, staged_sha256, error, taken_at FROM `main`.`scan_intake`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`arrival_number_changes` (document_id, provisional_number, confirmed_number, changed_at) SELECT document_id, provisional_number, confirmed_number, changed_at FROM `main`.`arrival_number_changes`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`offline_documents` (document_id, kept_at) SELECT document_id, kept_at FROM `main`.`offline_documents`;
--> statement-breakpoint
INSERT OR REPLACE INTO `local`.`download_queue` (sha256, size, attempts, next_attempt_at, last_error, created_at) SELECT sha256, size, attempts, next_attempt_at, last_error, created_at FROM `main`.`download_queue`;
--> statement-breakpoint
DROP TABLE `main`.`pending_incoming_fts`;
--> statement-breakpoint
DROP TABLE `main`.`pending_incoming`;
--> statement-breakpoint
DROP TABLE `main`.`outbox`;
--> statement-breakpoint
DROP TABLE `main`.`arrival_number_changes`;
--> statement-breakpoint
DROP TABLE `main`.`auth_cache`;
--> statement-breakpoint
DROP TABLE `main`.`blob_queue`;
--> statement-breakpoint
DROP TABLE `main`.`download_queue`;
--> statement-breakpoint
DROP TABLE `main`.`local_blobs`;
--> statement-breakpoint
DROP TABLE `main`.`offline_documents`;
--> statement-breakpoint
DROP TABLE `main`.`scan_intake`;
--> statement-breakpoint
DROP TABLE `main`.`sync_state`;
