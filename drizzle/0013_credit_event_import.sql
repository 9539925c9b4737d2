CREATE TABLE "credit_event_import_staging" (
	"tenant_id" bigint NOT NULL,
	"job_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"decision_no" text,
	"title" text,
	"detail" text,
	"heavy" boolean NOT NULL,
	"publication" text,
	"field" text,
	"publication_ends_on" date,
	"repair_from" date,
	CONSTRAINT "credit_event_import_staging_tenant_id_job_id_row_no_pk" PRIMARY KEY("tenant_id","job_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "enterprise_import_jobs" ADD COLUMN "kind" text DEFAULT 'register' NOT NULL;