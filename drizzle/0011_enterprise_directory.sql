-- pg_trgm: trigram index for searching enterprise names by a fragment (PGlite loads the extension in src/core/db/pglite-worker.mjs)
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "enterprise_import_jobs" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_import_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"stage" text DEFAULT 'reading' NOT NULL,
	"percent" integer DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_per_second" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"headers" text[] DEFAULT '{}'::text[] NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_by" bigint,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "enterprise_import_jobs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_import_refusals" (
	"tenant_id" bigint NOT NULL,
	"job_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"reason" text NOT NULL,
	"cells" text[] NOT NULL,
	CONSTRAINT "enterprise_import_refusals_tenant_id_job_id_row_no_pk" PRIMARY KEY("tenant_id","job_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "enterprise_import_staging" (
	"tenant_id" bigint NOT NULL,
	"job_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"legal_representative" text,
	"category" text NOT NULL,
	"type" text,
	"status" text NOT NULL,
	"registered_on" date,
	"registered_capital" numeric,
	"address" text,
	"region_code" text,
	"industry_section" text,
	"industry_division" text,
	"licences" jsonb,
	"product_tags" text[],
	CONSTRAINT "enterprise_import_staging_tenant_id_job_id_row_no_pk" PRIMARY KEY("tenant_id","job_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "enterprise_import_jobs" ADD CONSTRAINT "enterprise_import_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_import_refusals" ADD CONSTRAINT "enterprise_import_refusals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_import_refusals" ADD CONSTRAINT "enterprise_import_refusals_tenant_id_job_id_enterprise_import_jobs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","job_id") REFERENCES "public"."enterprise_import_jobs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_import_staging_code_idx" ON "enterprise_import_staging" USING btree ("tenant_id","job_id","credit_code");--> statement-breakpoint
CREATE INDEX "enterprises_name_trgm_idx" ON "enterprises" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "enterprises_credit_code_prefix_idx" ON "enterprises" USING btree ("tenant_id","credit_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_product_tags_idx" ON "enterprises" USING gin ("product_tags");--> statement-breakpoint
CREATE INDEX "enterprises_licences_idx" ON "enterprises" USING gin ("licences" jsonb_path_ops);