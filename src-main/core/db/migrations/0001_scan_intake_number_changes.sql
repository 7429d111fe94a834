CREATE TABLE `arrival_number_changes` (
	`document_id` text PRIMARY KEY NOT NULL,
	`provisional_number` integer NOT NULL,
	`confirmed_number` integer NOT NULL,
	`changed_at` text NOT NULL
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
CREATE INDEX `scan_intake_taken_idx` ON `scan_intake` (`taken_at`);