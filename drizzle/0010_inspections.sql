CREATE TABLE "inspection_campaigns" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "inspection_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"item_ids" bigint[] NOT NULL,
	"departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_prefix" text,
	"state" text DEFAULT '待抽取' NOT NULL,
	"frame" jsonb,
	"frame_hash" text,
	"commitment" text,
	"seed" text,
	"frame_fixed_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	"result" jsonb,
	"ended_on" date,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_frame_objects" (
	"tenant_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"stratum" text NOT NULL,
	"position" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"credit_code" text NOT NULL,
	CONSTRAINT "inspection_frame_objects_tenant_id_campaign_id_stratum_position_pk" PRIMARY KEY("tenant_id","campaign_id","stratum","position")
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "inspection_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"department" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"method" text DEFAULT '实地核查' NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"class_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inspection_items_code_uq" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "inspection_objects" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "inspection_objects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"draw_order" integer NOT NULL,
	"stratum" text NOT NULL,
	"position" integer NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"credit_code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"inspector_ids" bigint[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_objects_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inspection_objects_order_uq" UNIQUE("tenant_id","campaign_id","draw_order")
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "inspection_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"object_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"state" text DEFAULT '待审核' NOT NULL,
	"result_code" text NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"follow_up_done" boolean DEFAULT false NOT NULL,
	"inspected_on" date NOT NULL,
	"entered_by" bigint NOT NULL,
	"entered_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" bigint,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	CONSTRAINT "inspection_results_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inspection_results_version_uq" UNIQUE("tenant_id","object_id","version")
);
--> statement-breakpoint
CREATE TABLE "inspection_settings" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"class_rules" jsonb NOT NULL,
	"inspectors_per_object" integer NOT NULL,
	"publish_within_working_days" integer NOT NULL,
	"not_drawn_within_days" integer NOT NULL,
	"operating_statuses" text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspectors" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "inspectors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint,
	"name" text NOT NULL,
	"department" text NOT NULL,
	"certificate_no" text NOT NULL,
	"qualified_item_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspectors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "inspectors_certificate_uq" UNIQUE("tenant_id","certificate_no")
);
--> statement-breakpoint
ALTER TABLE "inspection_campaigns" ADD CONSTRAINT "inspection_campaigns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_frame_objects" ADD CONSTRAINT "inspection_frame_objects_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_frame_objects" ADD CONSTRAINT "inspection_frame_objects_tenant_id_campaign_id_inspection_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."inspection_campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_items" ADD CONSTRAINT "inspection_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_objects" ADD CONSTRAINT "inspection_objects_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_objects" ADD CONSTRAINT "inspection_objects_tenant_id_campaign_id_inspection_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."inspection_campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_tenant_id_object_id_inspection_objects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","object_id") REFERENCES "public"."inspection_objects"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_settings" ADD CONSTRAINT "inspection_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspectors" ADD CONSTRAINT "inspectors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_campaigns_state_idx" ON "inspection_campaigns" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "inspection_objects_enterprise_idx" ON "inspection_objects" USING btree ("tenant_id","enterprise_id");