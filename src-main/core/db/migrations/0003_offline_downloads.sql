CREATE TABLE `download_queue` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `offline_documents` (
	`document_id` text PRIMARY KEY NOT NULL,
	`kept_at` text NOT NULL
);
