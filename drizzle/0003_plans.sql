CREATE TABLE "assessment_schemes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "assessment_schemes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"name" text DEFAULT '年度考核方案' NOT NULL,
	"weights" jsonb DEFAULT '{"onTime":30,"targets":50,"tasks":20}'::jsonb NOT NULL,
	"grades" jsonb DEFAULT '{"A":90,"B":80,"C":60}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_schemes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "assessment_schemes_year_uq" UNIQUE("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"scheme_id" bigint,
	"department_id" bigint NOT NULL,
	"breakdown" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"computed_score" numeric DEFAULT 0 NOT NULL,
	"adjusted_score" numeric,
	"adjustment_reason" text,
	"veto" boolean DEFAULT false NOT NULL,
	"veto_reason" text,
	"grade" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "assessments_year_department_uq" UNIQUE("tenant_id","year","department_id"),
	CONSTRAINT "assessments_grade_check" CHECK ("assessments"."grade" in ('A', 'B', 'C', 'D')),
	CONSTRAINT "assessments_adjustment_check" CHECK ("assessments"."adjusted_score" is null or "assessments"."adjustment_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "attachments_size_check" CHECK ("attachments"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notice_departments" (
	"tenant_id" bigint NOT NULL,
	"notice_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	CONSTRAINT "notice_departments_tenant_id_notice_id_department_id_pk" PRIMARY KEY("tenant_id","notice_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint,
	"period_id" bigint,
	"period_label" text,
	"title" text NOT NULL,
	"document_number" text,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"issuing_body" text,
	"issue_date" date,
	"issued_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "notices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "notices_status_check" CHECK ("notices"."status" in ('draft', 'issued'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint,
	"department_id" bigint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "notifications_dedupe_uq" UNIQUE("tenant_id","dedupe_key"),
	CONSTRAINT "notifications_recipient_check" CHECK ("notifications"."user_id" is not null or "notifications"."department_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "plan_sources" (
	"tenant_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"normalizations" text[] DEFAULT '{}' NOT NULL,
	"size_bytes" integer NOT NULL,
	"text" text NOT NULL,
	"extraction" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_sources_tenant_id_plan_id_pk" PRIMARY KEY("tenant_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"issuer" text,
	"document_number" text,
	"index_number" text,
	"written_date" date,
	"published_date" date,
	"period_start_year" integer,
	"period_end_year" integer,
	"region" text,
	"region_code" text,
	"topic_category" text,
	"topic_subcategory" text,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reporting_cycle" text DEFAULT 'quarterly' NOT NULL,
	"report_due_working_days" integer DEFAULT 5 NOT NULL,
	"warning_margin_pct" numeric DEFAULT 5 NOT NULL,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft', 'published', 'archived')),
	CONSTRAINT "plans_cycle_check" CHECK ("plans"."reporting_cycle" in ('monthly', 'quarterly', 'half_yearly')),
	CONSTRAINT "plans_due_days_check" CHECK ("plans"."report_due_working_days" between 0 and 60),
	CONSTRAINT "plans_margin_check" CHECK ("plans"."warning_margin_pct" >= 0 and "plans"."warning_margin_pct" <= 100)
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "progress_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"period_id" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" bigint,
	"returned_at" timestamp with time zone,
	"returned_reason" text,
	"returned_by" bigint,
	"accepted_at" timestamp with time zone,
	"accepted_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "progress_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "progress_reports_period_department_uq" UNIQUE("tenant_id","period_id","department_id"),
	CONSTRAINT "progress_reports_status_check" CHECK ("progress_reports"."status" in ('draft', 'submitted', 'returned', 'accepted'))
);
--> statement-breakpoint
CREATE TABLE "report_target_values" (
	"tenant_id" bigint NOT NULL,
	"report_id" bigint NOT NULL,
	"target_id" bigint NOT NULL,
	"value" numeric NOT NULL,
	"as_of" date NOT NULL,
	"note" text,
	CONSTRAINT "report_target_values_tenant_id_report_id_target_id_pk" PRIMARY KEY("tenant_id","report_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "report_task_items" (
	"tenant_id" bigint NOT NULL,
	"report_id" bigint NOT NULL,
	"task_id" bigint NOT NULL,
	"status" text NOT NULL,
	"note" text,
	CONSTRAINT "report_task_items_tenant_id_report_id_task_id_pk" PRIMARY KEY("tenant_id","report_id","task_id"),
	CONSTRAINT "report_task_items_status_check" CHECK ("report_task_items"."status" in ('not_started', 'in_progress', 'done', 'blocked'))
);
--> statement-breakpoint
CREATE TABLE "reporting_periods" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "reporting_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"label" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"due_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_periods_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "reporting_periods_plan_start_uq" UNIQUE("tenant_id","plan_id","start_date"),
	CONSTRAINT "reporting_periods_dates_check" CHECK ("reporting_periods"."start_date" <= "reporting_periods"."end_date" and "reporting_periods"."end_date" <= "reporting_periods"."due_date")
);
--> statement-breakpoint
CREATE TABLE "target_departments" (
	"tenant_id" bigint NOT NULL,
	"target_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"role" text DEFAULT 'lead' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "target_departments_tenant_id_target_id_department_id_pk" PRIMARY KEY("tenant_id","target_id","department_id"),
	CONSTRAINT "target_departments_role_check" CHECK ("target_departments"."role" in ('lead', 'co'))
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"indicator" text NOT NULL,
	"comparator" text NOT NULL,
	"value" numeric NOT NULL,
	"value_max" numeric,
	"unit" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'level' NOT NULL,
	"deadline_year" integer,
	"baseline_value" numeric,
	"baseline_date" date,
	"tolerance" numeric,
	"span_start" integer,
	"span_end" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"origin" text DEFAULT 'extracted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "targets_comparator_check" CHECK ("targets"."comparator" in ('>=', '<=', '>', '<', '=', '~', 'range')),
	CONSTRAINT "targets_kind_check" CHECK ("targets"."kind" in ('level', 'increment', 'cumulative')),
	CONSTRAINT "targets_origin_check" CHECK ("targets"."origin" in ('extracted', 'edited', 'manual')),
	CONSTRAINT "targets_range_check" CHECK (("targets"."comparator" = 'range') = ("targets"."value_max" is not null))
);
--> statement-breakpoint
CREATE TABLE "task_departments" (
	"tenant_id" bigint NOT NULL,
	"task_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"role" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "task_departments_tenant_id_task_id_department_id_pk" PRIMARY KEY("tenant_id","task_id","department_id"),
	CONSTRAINT "task_departments_role_check" CHECK ("task_departments"."role" in ('lead', 'co'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"marker" text,
	"title" text NOT NULL,
	"span_start" integer,
	"span_end" integer,
	"deadline_text" text,
	"due_date" date,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"origin" text DEFAULT 'extracted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tasks_origin_check" CHECK ("tasks"."origin" in ('extracted', 'edited', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "assessment_schemes" ADD CONSTRAINT "assessment_schemes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_scheme_fk" FOREIGN KEY ("tenant_id","scheme_id") REFERENCES "public"."assessment_schemes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_report_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."progress_reports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_departments" ADD CONSTRAINT "notice_departments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_departments" ADD CONSTRAINT "notice_departments_notice_fk" FOREIGN KEY ("tenant_id","notice_id") REFERENCES "public"."notices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_departments" ADD CONSTRAINT "notice_departments_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_period_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "public"."reporting_periods"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sources" ADD CONSTRAINT "plan_sources_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sources" ADD CONSTRAINT "plan_sources_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_period_fk" FOREIGN KEY ("tenant_id","period_id") REFERENCES "public"."reporting_periods"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_target_values" ADD CONSTRAINT "report_target_values_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_target_values" ADD CONSTRAINT "report_target_values_report_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."progress_reports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_target_values" ADD CONSTRAINT "report_target_values_target_fk" FOREIGN KEY ("tenant_id","target_id") REFERENCES "public"."targets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_task_items" ADD CONSTRAINT "report_task_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_task_items" ADD CONSTRAINT "report_task_items_report_fk" FOREIGN KEY ("tenant_id","report_id") REFERENCES "public"."progress_reports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_task_items" ADD CONSTRAINT "report_task_items_task_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."tasks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD CONSTRAINT "reporting_periods_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_periods" ADD CONSTRAINT "reporting_periods_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_departments" ADD CONSTRAINT "target_departments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_departments" ADD CONSTRAINT "target_departments_target_fk" FOREIGN KEY ("tenant_id","target_id") REFERENCES "public"."targets"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_departments" ADD CONSTRAINT "target_departments_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_departments" ADD CONSTRAINT "task_departments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_departments" ADD CONSTRAINT "task_departments_task_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."tasks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_departments" ADD CONSTRAINT "task_departments_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_report_idx" ON "attachments" USING btree ("tenant_id","report_id");--> statement-breakpoint
CREATE INDEX "notice_departments_department_idx" ON "notice_departments" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE INDEX "notices_status_idx" ON "notices" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_department_idx" ON "notifications" USING btree ("tenant_id","department_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_sources_sha_idx" ON "plan_sources" USING btree ("tenant_id","sha256");--> statement-breakpoint
CREATE INDEX "plans_status_idx" ON "plans" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "progress_reports_department_idx" ON "progress_reports" USING btree ("tenant_id","department_id","status");--> statement-breakpoint
CREATE INDEX "report_target_values_target_idx" ON "report_target_values" USING btree ("tenant_id","target_id","as_of");--> statement-breakpoint
CREATE INDEX "report_task_items_task_idx" ON "report_task_items" USING btree ("tenant_id","task_id");--> statement-breakpoint
CREATE INDEX "reporting_periods_due_idx" ON "reporting_periods" USING btree ("tenant_id","due_date");--> statement-breakpoint
CREATE INDEX "target_departments_department_idx" ON "target_departments" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE INDEX "targets_plan_idx" ON "targets" USING btree ("tenant_id","plan_id","sort_order");--> statement-breakpoint
CREATE INDEX "task_departments_department_idx" ON "task_departments" USING btree ("tenant_id","department_id");--> statement-breakpoint
CREATE INDEX "tasks_plan_idx" ON "tasks" USING btree ("tenant_id","plan_id","sort_order");