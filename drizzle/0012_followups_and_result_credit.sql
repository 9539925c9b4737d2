CREATE TABLE "plan_followup_settings" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"default_plan_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_followups" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "plan_followups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" bigint NOT NULL,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"due_date" date,
	"state" text DEFAULT 'open' NOT NULL,
	"opened_by" bigint,
	"opened_by_name" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" bigint,
	"closed_by_name" text,
	"closed_at" timestamp with time zone,
	"closing_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_followups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plan_followups_state_check" CHECK ("plan_followups"."state" in ('open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "credit_event_id" bigint;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "listing_id" bigint;--> statement-breakpoint
ALTER TABLE "plan_followup_settings" ADD CONSTRAINT "plan_followup_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followup_settings" ADD CONSTRAINT "plan_followup_settings_plan_fk" FOREIGN KEY ("tenant_id","default_plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_followups" ADD CONSTRAINT "plan_followups_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_followups_plan_idx" ON "plan_followups" USING btree ("tenant_id","plan_id","state");--> statement-breakpoint
CREATE INDEX "plan_followups_department_idx" ON "plan_followups" USING btree ("tenant_id","department_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_followups_open_source_uq" ON "plan_followups" USING btree ("tenant_id","source_kind","source_id") WHERE "plan_followups"."state" = 'open';--> statement-breakpoint
CREATE INDEX "plan_followups_source_idx" ON "plan_followups" USING btree ("tenant_id","source_kind","source_id");