CREATE TABLE `arrival_number_changes` (
	`document_id` text PRIMARY KEY NOT NULL,
	`provisional_number` integer NOT NULL,
	`confirmed_number` integer NOT NULL,
	`changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `auth_cache` (
	`username` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`user_json` text NOT NULL,
	`org_json` text NOT NULL,
	`verifier` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `blob_queue` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`uploaded_offset` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `download_queue` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`received_bytes` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `local_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`page_count` integer,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offline_documents` (
	`document_id` text PRIMARY KEY NOT NULL,
	`kept_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`error_code` text,
	`error_message` text,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pending_incoming` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` integer,
	`register_id` text,
	`year` integer NOT NULL,
	`provisional_number` integer NOT NULL,
	`arrival_date` text NOT NULL,
	`issuer` text NOT NULL,
	`number` text,
	`notation` text NOT NULL,
	`document_date` text NOT NULL,
	`doc_type` text NOT NULL,
	`subject` text NOT NULL,
	`urgency` text NOT NULL,
	`secrecy` text NOT NULL,
	`due_date` text,
	`page_count` integer,
	`recipients` text NOT NULL,
	`note` text NOT NULL,
	`files` text NOT NULL,
	`search_text` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `scan_intake` (
	`sha256` text PRIMARY KEY NOT NULL,
	`source_path` text NOT NULL,
	`taken_path` text,
	`name` text NOT NULL,
	`staged_sha256` text,
	`error` text,
	`taken_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scan_intake_taken_idx` ON `scan_intake` (`taken_at`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`next_mutation_id` integer DEFAULT 1 NOT NULL,
	`user_id` text,
	`last_success_at` text,
	`last_error` text,
	`last_error_at` text
);
--> statement-breakpoint
-- Full-text search over pending registrations (see replica migration 0002 for the confirmed side and the reasons).
CREATE VIRTUAL TABLE `pending_incoming_fts` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_before_insert` BEFORE INSERT ON `pending_incoming` BEGIN
  DELETE FROM `pending_incoming_fts` WHERE `rowid` = (SELECT `rowid` FROM `pending_incoming` WHERE `id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_after_insert` AFTER INSERT ON `pending_incoming` BEGIN
  INSERT INTO `pending_incoming_fts` (`rowid`, `body`) VALUES (new.`rowid`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_after_update` AFTER UPDATE OF `search_text` ON `pending_incoming` BEGIN
  DELETE FROM `pending_incoming_fts` WHERE `rowid` = old.`rowid`;
  INSERT INTO `pending_incoming_fts` (`rowid`, `body`) VALUES (new.`rowid`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_after_delete` AFTER DELETE ON `pending_incoming` BEGIN
  DELETE FROM `pending_incoming_fts` WHERE `rowid` = old.`rowid`;
END;
