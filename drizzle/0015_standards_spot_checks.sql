CREATE TABLE "standard_declarations" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "standard_declarations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"standard_no" text NOT NULL,
	"standard_name" text NOT NULL,
	"standard_type" text NOT NULL,
	"products" text DEFAULT '' NOT NULL,
	"declared_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standard_declarations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "standard_declarations_uq" UNIQUE("tenant_id","enterprise_id","standard_no")
);
--> statement-breakpoint
ALTER TABLE "inspection_items" ADD COLUMN "not_drawn_within_days" integer;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "checklist" jsonb;--> statement-breakpoint
ALTER TABLE "standard_declarations" ADD CONSTRAINT "standard_declarations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_declarations" ADD CONSTRAINT "standard_declarations_tenant_id_enterprise_id_enterprises_tenant_id_id_fk" FOREIGN KEY ("tenant_id","enterprise_id") REFERENCES "public"."enterprises"("tenant_id","id") ON DELETE no action ON UPDATE no action;