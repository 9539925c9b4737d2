CREATE TABLE "inspection_frame_chunks" (
	"tenant_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"stratum" text NOT NULL,
	"chunk" integer NOT NULL,
	"enterprise_ids" bigint[] NOT NULL,
	"credit_codes" text[] NOT NULL,
	CONSTRAINT "inspection_frame_chunks_tenant_id_campaign_id_stratum_chunk_pk" PRIMARY KEY("tenant_id","campaign_id","stratum","chunk")
);
--> statement-breakpoint
ALTER TABLE "inspection_frame_chunks" ADD CONSTRAINT "inspection_frame_chunks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_frame_chunks" ADD CONSTRAINT "inspection_frame_chunks_tenant_id_campaign_id_inspection_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."inspection_campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- CUSTOM SQL (carry over at renumbering): copy the frames already fixed into chunks of 8192 positions
-- (FRAME_CHUNK in src/inspections/tables.ts), so published draws keep their lists; the next migration
-- drops inspection_frame_objects.
INSERT INTO "inspection_frame_chunks" ("tenant_id", "campaign_id", "stratum", "chunk", "enterprise_ids", "credit_codes")
SELECT "tenant_id", "campaign_id", "stratum", "position" / 8192, array_agg("enterprise_id" ORDER BY "position"), array_agg("credit_code" ORDER BY "position")
FROM "inspection_frame_objects"
GROUP BY "tenant_id", "campaign_id", "stratum", "position" / 8192;
