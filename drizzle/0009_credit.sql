CREATE TABLE "credit_class_history" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "credit_class_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"from_class" text,
	"to_class" text NOT NULL,
	"points" integer NOT NULL,
	"fired_rules" text[] NOT NULL,
	"as_of" date NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_class_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_events" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "credit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"decision_no" text,
	"title" text,
	"detail" text,
	"source" text DEFAULT 'user' NOT NULL,
	"heavy" boolean DEFAULT false NOT NULL,
	"publication" text,
	"field" text,
	"publication_ends_on" date,
	"repair_from" date,
	"membership_id" bigint,
	"repairs_event_id" bigint,
	"withdrawn_on" date,
	"entered_by" bigint,
	"entered_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "credit_events_source_check" CHECK ("credit_events"."source" in ('user', 'import', 'domain'))
);
--> statement-breakpoint
CREATE TABLE "credit_list_memberships" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "credit_list_memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"list" text NOT NULL,
	"reason" text NOT NULL,
	"state" text NOT NULL,
	"grounds_on" date,
	"listed_on" date,
	"listing_decision_no" text,
	"cured_on" date,
	"removed_on" date,
	"removal_decision_no" text,
	"removal_reason" text,
	"objection_on" date,
	"objection_accepted_on" date,
	"objection_answered_on" date,
	"listing_due_on" date,
	"removal_due_on" date,
	"objection_accept_due_on" date,
	"objection_verify_due_on" date,
	"publication_ends_on" date,
	"early_removal_from" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "credit_list_memberships_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "credit_lists_list_check" CHECK ("credit_list_memberships"."list" in ('abnormal', 'serious')),
	CONSTRAINT "credit_lists_state_check" CHECK ("credit_list_memberships"."state" in ('pending', 'listed', 'removed', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "credit_reclassify_runs" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "credit_reclassify_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trigger" text NOT NULL,
	"state" text NOT NULL,
	"as_of" date NOT NULL,
	"requested_by" text,
	"enterprises" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "credit_reclassify_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_risk_classes" (
	"tenant_id" bigint NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"class" text NOT NULL,
	"points" integer NOT NULL,
	"fired_rules" text[] NOT NULL,
	"fired_points" integer[] NOT NULL,
	"as_of" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_risk_classes_tenant_id_enterprise_id_pk" PRIMARY KEY("tenant_id","enterprise_id"),
	CONSTRAINT "credit_risk_classes_class_check" CHECK ("credit_risk_classes"."class" in ('A', 'B', 'C', 'D'))
);
--> statement-breakpoint
CREATE TABLE "credit_settings" (
	"tenant_id" bigint NOT NULL,
	"settings" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_settings_tenant_id_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "credit_settings_tenant_uq" UNIQUE("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "credit_class_history" ADD CONSTRAINT "credit_class_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_class_history" ADD CONSTRAINT "credit_class_history_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_events" ADD CONSTRAINT "credit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_events" ADD CONSTRAINT "credit_events_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_list_memberships" ADD CONSTRAINT "credit_list_memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_list_memberships" ADD CONSTRAINT "credit_list_memberships_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_reclassify_runs" ADD CONSTRAINT "credit_reclassify_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_risk_classes" ADD CONSTRAINT "credit_risk_classes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_risk_classes" ADD CONSTRAINT "credit_risk_classes_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_settings" ADD CONSTRAINT "credit_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_class_history_enterprise_idx" ON "credit_class_history" USING btree ("tenant_id","enterprise_id","changed_at");--> statement-breakpoint
CREATE INDEX "credit_events_enterprise_idx" ON "credit_events" USING btree ("tenant_id","enterprise_id","occurred_on");--> statement-breakpoint
CREATE INDEX "credit_lists_enterprise_idx" ON "credit_list_memberships" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "credit_lists_open_idx" ON "credit_list_memberships" USING btree ("tenant_id","state","list");--> statement-breakpoint
CREATE INDEX "credit_runs_recent_idx" ON "credit_reclassify_runs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_runs_schedule_uq" ON "credit_reclassify_runs" USING btree ("tenant_id","as_of") WHERE "credit_reclassify_runs"."trigger" = 'schedule';--> statement-breakpoint
CREATE INDEX "credit_risk_classes_class_idx" ON "credit_risk_classes" USING btree ("tenant_id","class");