CREATE TABLE "inspection_frame_lists" (
	"tenant_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"stratum" text NOT NULL,
	"size" integer NOT NULL,
	"excluded" integer NOT NULL,
	"list_hash" text NOT NULL,
	"list" text NOT NULL,
	CONSTRAINT "inspection_frame_lists_tenant_id_campaign_id_stratum_pk" PRIMARY KEY("tenant_id","campaign_id","stratum")
);
--> statement-breakpoint
ALTER TABLE "inspection_objects" DROP CONSTRAINT "inspection_objects_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD CONSTRAINT "inspection_frame_lists_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD CONSTRAINT "inspection_frame_lists_tenant_id_campaign_id_inspection_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."inspection_campaigns"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- custom SQL (decision 037), carried over at merge: the published lists are tens of MiB of digits at province
-- size; compressing them on write costs more than it saves, so they are stored out of line, uncompressed.
ALTER TABLE "inspection_frame_lists" ALTER COLUMN "list" SET STORAGE EXTERNAL;
