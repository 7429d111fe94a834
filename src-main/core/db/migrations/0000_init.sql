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
CREATE TABLE `document_files` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`role` text NOT NULL,
	`page_count` integer,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `document_files_document_idx` ON `document_files` (`document_id`);--> statement-breakpoint
CREATE INDEX `document_files_sha_idx` ON `document_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `incoming_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`register_id` text NOT NULL,
	`year` integer NOT NULL,
	`arrival_number` integer NOT NULL,
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
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`provisional_number` integer,
	`search_text` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incoming_documents_year_idx` ON `incoming_documents` (`year`,`arrival_number`);--> statement-breakpoint
CREATE TABLE `local_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`page_count` integer,
	`created_at` text NOT NULL
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
CREATE TABLE `registers` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`name` text NOT NULL,
	`last_number` integer NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`next_mutation_id` integer DEFAULT 1 NOT NULL,
	`user_id` text,
	`last_success_at` text,
	`last_error` text,
	`last_error_at` text
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text,
	`position` text NOT NULL,
	`active` integer NOT NULL,
	`version` integer NOT NULL
);
