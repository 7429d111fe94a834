CREATE TABLE "access_revocations" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid,
	"task_id" uuid,
	"parent_id" uuid,
	"assignee_user_id" uuid,
	"assignee_unit_id" uuid,
	"role" text NOT NULL,
	"due_date" text,
	"status" text NOT NULL,
	"assigned_by" uuid NOT NULL,
	"directive_id" uuid,
	"result_note" text DEFAULT '' NOT NULL,
	"reply_notation" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extension_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"document_id" uuid,
	"task_id" uuid,
	"requested_by" uuid NOT NULL,
	"current_due_date" text NOT NULL,
	"requested_due_date" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decision_note" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid,
	"task_id" uuid,
	"assignment_id" uuid,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid,
	"task_id" uuid,
	"kind" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"percent" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"document_id" uuid,
	"assigned_by" uuid NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_activity" (
	"user_id" uuid NOT NULL,
	"day" text NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_activity_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "work_file_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_file_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"retention_years" integer,
	"year" integer NOT NULL,
	"owner_id" uuid NOT NULL,
	"unit_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"closed_at" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_revocations_user_version_idx" ON "access_revocations" USING btree ("user_id","version");--> statement-breakpoint
CREATE INDEX "assignments_document_idx" ON "assignments" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "assignments_task_idx" ON "assignments" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "assignments_user_idx" ON "assignments" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "assignments_version_idx" ON "assignments" USING btree ("version");--> statement-breakpoint
CREATE INDEX "directives_document_idx" ON "directives" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "directives_version_idx" ON "directives" USING btree ("version");--> statement-breakpoint
CREATE INDEX "extension_requests_assignment_idx" ON "extension_requests" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "extension_requests_version_idx" ON "extension_requests" USING btree ("version");--> statement-breakpoint
CREATE INDEX "holidays_version_idx" ON "holidays" USING btree ("version");--> statement-breakpoint
CREATE INDEX "opinions_document_idx" ON "opinions" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "opinions_task_idx" ON "opinions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "opinions_version_idx" ON "opinions" USING btree ("version");--> statement-breakpoint
CREATE INDEX "routing_events_document_idx" ON "routing_events" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "routing_events_task_idx" ON "routing_events" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "routing_events_version_idx" ON "routing_events" USING btree ("version");--> statement-breakpoint
CREATE INDEX "task_reports_task_idx" ON "task_reports" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_reports_version_idx" ON "task_reports" USING btree ("version");--> statement-breakpoint
CREATE INDEX "tasks_version_idx" ON "tasks" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "work_file_documents_uq" ON "work_file_documents" USING btree ("work_file_id","document_id");--> statement-breakpoint
CREATE INDEX "work_file_documents_version_idx" ON "work_file_documents" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "work_files_year_code_uq" ON "work_files" USING btree ("year","code");--> statement-breakpoint
CREATE INDEX "work_files_version_idx" ON "work_files" USING btree ("version");