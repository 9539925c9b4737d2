CREATE TABLE "enterprise_history" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"source" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "enterprises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"credit_code" text NOT NULL,
	"name" text NOT NULL,
	"legal_representative" text,
	"category" text DEFAULT '企业' NOT NULL,
	"type" text,
	"status" text DEFAULT '存续' NOT NULL,
	"registered_on" date,
	"registered_capital" numeric,
	"address" text,
	"region_code" text,
	"industry_section" text,
	"industry_division" text,
	"licences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"product_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "enterprises_credit_code_uq" UNIQUE("tenant_id","credit_code")
);
--> statement-breakpoint
ALTER TABLE "enterprise_history" ADD CONSTRAINT "enterprise_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_history" ADD CONSTRAINT "enterprise_history_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_history_enterprise_idx" ON "enterprise_history" USING btree ("tenant_id","enterprise_id","changed_at");--> statement-breakpoint
CREATE INDEX "enterprises_region_idx" ON "enterprises" USING btree ("tenant_id","region_code");--> statement-breakpoint
CREATE INDEX "enterprises_industry_idx" ON "enterprises" USING btree ("tenant_id","industry_division");--> statement-breakpoint
CREATE INDEX "enterprises_status_idx" ON "enterprises" USING btree ("tenant_id","status");