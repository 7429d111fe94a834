CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text,
	`task_id` text,
	`assignee_user_id` text,
	`assignee_unit_id` text,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`due_date` text,
	`assigned_by` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assignments_document_idx` ON `assignments` (`document_id`);--> statement-breakpoint
CREATE INDEX `assignments_task_idx` ON `assignments` (`task_id`);--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`assignee_user_id`);--> statement-breakpoint
CREATE TABLE `directives` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `directives_document_idx` ON `directives` (`document_id`);--> statement-breakpoint
CREATE TABLE `extension_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text NOT NULL,
	`document_id` text,
	`task_id` text,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `extension_requests_assignment_idx` ON `extension_requests` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opinions` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text,
	`task_id` text,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `opinions_document_idx` ON `opinions` (`document_id`);--> statement-breakpoint
CREATE INDEX `opinions_task_idx` ON `opinions` (`task_id`);--> statement-breakpoint
CREATE TABLE `routing_events` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text,
	`task_id` text,
	`created_at` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `routing_events_document_idx` ON `routing_events` (`document_id`);--> statement-breakpoint
CREATE INDEX `routing_events_task_idx` ON `routing_events` (`task_id`);--> statement-breakpoint
CREATE TABLE `task_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `task_reports_task_idx` ON `task_reports` (`task_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text,
	`status` text NOT NULL,
	`due_date` text NOT NULL,
	`assigned_by` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `work_file_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`work_file_id` text NOT NULL,
	`document_id` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `work_file_documents_file_idx` ON `work_file_documents` (`work_file_id`);--> statement-breakpoint
CREATE INDEX `work_file_documents_document_idx` ON `work_file_documents` (`document_id`);--> statement-breakpoint
CREATE TABLE `work_files` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL
);
