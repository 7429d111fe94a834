CREATE SEQUENCE "public"."change_version" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_mutations" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"role" text NOT NULL,
	"page_count" integer,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"register_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"arrival_number" integer NOT NULL,
	"arrival_date" text NOT NULL,
	"issuer" text NOT NULL,
	"number" text,
	"notation" text NOT NULL,
	"document_date" text NOT NULL,
	"doc_type" text NOT NULL,
	"subject" text NOT NULL,
	"urgency" text NOT NULL,
	"secrecy" text NOT NULL,
	"due_date" text,
	"page_count" integer,
	"recipients" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"provisional_number" integer,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mutation_rejections" (
	"client_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutation_rejections_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"singleton" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"abbr" text NOT NULL,
	"place" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"device_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"full_name" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"position" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"password_hash" text NOT NULL,
	"password_salt" text NOT NULL,
	"version" bigint DEFAULT nextval('change_version') NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_mutations" ADD CONSTRAINT "client_mutations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_incoming_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incoming_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_register_id_registers_id_fk" FOREIGN KEY ("register_id") REFERENCES "public"."registers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_documents" ADD CONSTRAINT "incoming_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_files_document_idx" ON "document_files" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_files_sha_idx" ON "document_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "document_files_version_idx" ON "document_files" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_register_number_uq" ON "incoming_documents" USING btree ("register_id","arrival_number");--> statement-breakpoint
CREATE INDEX "incoming_version_idx" ON "incoming_documents" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "registers_kind_year_uq" ON "registers" USING btree ("kind","year");--> statement-breakpoint
CREATE INDEX "registers_version_idx" ON "registers" USING btree ("version");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_uq" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_version_idx" ON "units" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_version_idx" ON "users" USING btree ("version");