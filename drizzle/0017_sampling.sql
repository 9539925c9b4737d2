CREATE TABLE "sampling_disposals" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_disposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sample_id" bigint NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT '整改中' NOT NULL,
	"notice_no" text DEFAULT '' NOT NULL,
	"ordered_on" date NOT NULL,
	"deadline" date NOT NULL,
	"extension_days" integer,
	"extension_applied_on" date,
	"recheck_on" date,
	"closed_on" date,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_disposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sampling_disposals_sample_uq" UNIQUE("tenant_id","sample_id")
);
--> statement-breakpoint
CREATE TABLE "sampling_plans" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"level" text DEFAULT '县级监督抽查' NOT NULL,
	"product_code" text NOT NULL,
	"product_name" text NOT NULL,
	"planned_batches" integer NOT NULL,
	"stage" text DEFAULT '生产' NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sampling_results" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sample_id" bigint NOT NULL,
	"stage" text DEFAULT '初检' NOT NULL,
	"item" text NOT NULL,
	"clause" text DEFAULT '' NOT NULL,
	"required" text DEFAULT '' NOT NULL,
	"measured" text DEFAULT '' NOT NULL,
	"verdict" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_results_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sampling_retests" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_retests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sample_id" bigint NOT NULL,
	"requested_on" date NOT NULL,
	"disputed_items" text[] DEFAULT '{}'::text[] NOT NULL,
	"retest_body" text DEFAULT '' NOT NULL,
	"state" text DEFAULT '已申请' NOT NULL,
	"refusal_reason" text,
	"conclusion" text,
	"concluded_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_retests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sampling_retests_sample_uq" UNIQUE("tenant_id","sample_id")
);
--> statement-breakpoint
CREATE TABLE "sampling_samples" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_samples_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"task_id" bigint NOT NULL,
	"sample_no" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"credit_code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"region_code" text DEFAULT '' NOT NULL,
	"product_code" text NOT NULL,
	"product_name" text NOT NULL,
	"brand" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"batch_no" text DEFAULT '' NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"product_key" text NOT NULL,
	"purpose" text DEFAULT '常规抽查' NOT NULL,
	"sampled_on" date NOT NULL,
	"year" integer NOT NULL,
	"samplers" text[] NOT NULL,
	"reserve_kept" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT '待检验' NOT NULL,
	"untested_reason" text,
	"first_conclusion" text,
	"conclusion" text,
	"report_on" date,
	"report_no" text,
	"notified_on" date,
	"final_on" date,
	"follow_up_task_id" bigint,
	"entered_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_samples_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sampling_settings" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sampling_tasks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"testing_body" text NOT NULL,
	"batches" integer NOT NULL,
	"due_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "sampling_disposals" ADD CONSTRAINT "sampling_disposals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_disposals" ADD CONSTRAINT "sampling_disposals_tenant_id_sample_id_sampling_samples_tenant_id_id_fk" FOREIGN KEY ("tenant_id","sample_id") REFERENCES "public"."sampling_samples"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_plans" ADD CONSTRAINT "sampling_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_results" ADD CONSTRAINT "sampling_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_results" ADD CONSTRAINT "sampling_results_tenant_id_sample_id_sampling_samples_tenant_id_id_fk" FOREIGN KEY ("tenant_id","sample_id") REFERENCES "public"."sampling_samples"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_retests" ADD CONSTRAINT "sampling_retests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_retests" ADD CONSTRAINT "sampling_retests_tenant_id_sample_id_sampling_samples_tenant_id_id_fk" FOREIGN KEY ("tenant_id","sample_id") REFERENCES "public"."sampling_samples"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_samples" ADD CONSTRAINT "sampling_samples_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_samples" ADD CONSTRAINT "sampling_samples_tenant_id_plan_id_sampling_plans_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."sampling_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_samples" ADD CONSTRAINT "sampling_samples_tenant_id_task_id_sampling_tasks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."sampling_tasks"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_settings" ADD CONSTRAINT "sampling_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_tasks" ADD CONSTRAINT "sampling_tasks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_tasks" ADD CONSTRAINT "sampling_tasks_tenant_id_plan_id_sampling_plans_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."sampling_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sampling_plans_year_idx" ON "sampling_plans" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "sampling_results_sample_idx" ON "sampling_results" USING btree ("tenant_id","sample_id");--> statement-breakpoint
CREATE INDEX "sampling_samples_rates_idx" ON "sampling_samples" USING btree ("tenant_id","year","product_code","region_code","state","conclusion");--> statement-breakpoint
CREATE INDEX "sampling_samples_lock_idx" ON "sampling_samples" USING btree ("tenant_id","product_key","sampled_on");--> statement-breakpoint
CREATE INDEX "sampling_samples_plan_idx" ON "sampling_samples" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE INDEX "sampling_samples_enterprise_idx" ON "sampling_samples" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "sampling_samples_no_idx" ON "sampling_samples" USING btree ("tenant_id","sample_no");