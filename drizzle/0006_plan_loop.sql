CREATE TABLE "plan_settings" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "plan_settings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"reporting_grace_days" integer DEFAULT 0 NOT NULL,
	"unit_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plan_settings_tenant_uq" UNIQUE("tenant_id"),
	CONSTRAINT "plan_settings_grace_check" CHECK ("plan_settings"."reporting_grace_days" between 0 and 366)
);
--> statement-breakpoint
ALTER TABLE "assessments" DROP CONSTRAINT "assessments_grade_check";--> statement-breakpoint
ALTER TABLE "plan_settings" ADD CONSTRAINT "plan_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_grade_check" CHECK ("assessments"."grade" in ('A', 'B', 'C', 'D', 'N'));