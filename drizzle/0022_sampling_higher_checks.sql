CREATE TABLE "sampling_higher_checks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sampling_higher_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enterprise_id" bigint NOT NULL,
	"credit_code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"product_code" text NOT NULL,
	"product_name" text NOT NULL,
	"brand" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"standard" text DEFAULT '' NOT NULL,
	"product_key" text NOT NULL,
	"level" text NOT NULL,
	"organiser" text NOT NULL,
	"sampled_on" date NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_higher_checks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "sampling_higher_checks" ADD CONSTRAINT "sampling_higher_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sampling_higher_checks_product_idx" ON "sampling_higher_checks" USING btree ("tenant_id","product_key","sampled_on");