CREATE TABLE "draft_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "draft_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"draft_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"kind" text NOT NULL,
	"pdf" jsonb NOT NULL,
	"pdf_sha256" text NOT NULL,
	"docx" jsonb,
	"attachments" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"notation" text NOT NULL,
	"issued_date" text NOT NULL,
	"doc_type" text NOT NULL,
	"subject" text NOT NULL,
	"urgency" text NOT NULL,
	"secrecy" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_position" text NOT NULL,
	"recipients_text" text NOT NULL,
	"kept_by" text NOT NULL,
	"issued_amount" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"signed_pdf" jsonb NOT NULL,
	"issued_pdf" jsonb,
	"issued_attachments" jsonb NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"replaced_by_id" uuid,
	"replaces_id" uuid,
	"dispatched_at" timestamp with time zone,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provisional_number" integer,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"doc_type" text NOT NULL,
	"subject" text NOT NULL,
	"urgency" text NOT NULL,
	"secrecy" text NOT NULL,
	"notation" text NOT NULL,
	"recipients_text" text DEFAULT '' NOT NULL,
	"due_date" text,
	"language" text DEFAULT 'vi' NOT NULL,
	"page_amount" integer,
	"description" text DEFAULT '' NOT NULL,
	"issued_amount" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid,
	"created_by" uuid NOT NULL,
	"signer_id" uuid,
	"current_version_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"outgoing_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"unit_id" uuid,
	"user_id" uuid,
	"organ_id" text,
	"name" text NOT NULL,
	"email" text,
	"address" text,
	"status" text NOT NULL,
	"status_code" text,
	"note" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postal_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"outgoing_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"date" text NOT NULL,
	"recipient_name" text NOT NULL,
	"envelopes" integer NOT NULL,
	"receipt" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draft_steps" ADD CONSTRAINT "draft_steps_draft_id_outgoing_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."outgoing_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_steps" ADD CONSTRAINT "draft_steps_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_draft_id_outgoing_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."outgoing_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_versions" ADD CONSTRAINT "draft_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_id_outgoing_drafts_id_fk" FOREIGN KEY ("id") REFERENCES "public"."outgoing_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_documents" ADD CONSTRAINT "outgoing_documents_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_drafts" ADD CONSTRAINT "outgoing_drafts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_drafts" ADD CONSTRAINT "outgoing_drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_drafts" ADD CONSTRAINT "outgoing_drafts_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_outgoing_id_outgoing_documents_id_fk" FOREIGN KEY ("outgoing_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_recipients" ADD CONSTRAINT "outgoing_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_entries" ADD CONSTRAINT "postal_entries_outgoing_id_outgoing_documents_id_fk" FOREIGN KEY ("outgoing_id") REFERENCES "public"."outgoing_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postal_entries" ADD CONSTRAINT "postal_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_steps_draft_idx" ON "draft_steps" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "draft_steps_version_idx" ON "draft_steps" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "draft_versions_no_uq" ON "draft_versions" USING btree ("draft_id","version_no");--> statement-breakpoint
CREATE INDEX "draft_versions_version_idx" ON "draft_versions" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_register_number_uq" ON "outgoing_documents" USING btree ("register_id","number");--> statement-breakpoint
CREATE INDEX "outgoing_documents_version_idx" ON "outgoing_documents" USING btree ("version");--> statement-breakpoint
CREATE INDEX "outgoing_drafts_version_idx" ON "outgoing_drafts" USING btree ("version");--> statement-breakpoint
CREATE INDEX "outgoing_drafts_unit_idx" ON "outgoing_drafts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_outgoing_idx" ON "outgoing_recipients" USING btree ("outgoing_id");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_user_idx" ON "outgoing_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_unit_idx" ON "outgoing_recipients" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "outgoing_recipients_version_idx" ON "outgoing_recipients" USING btree ("version");--> statement-breakpoint
CREATE INDEX "postal_entries_version_idx" ON "postal_entries" USING btree ("version");