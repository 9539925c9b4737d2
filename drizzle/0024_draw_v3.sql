ALTER TABLE "inspection_objects" DROP CONSTRAINT "inspection_objects_tenant_id_campaign_id_inspection_campaigns_tenant_id_id_fk";
--> statement-breakpoint
ALTER TABLE "inspection_objects" ALTER COLUMN "position" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD COLUMN "cand_codes" text[];--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD COLUMN "cand_ids" bigint[];--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD COLUMN "cand_names" text[];--> statement-breakpoint
-- custom SQL (decision 051): the candidates are read whole by the draw; stored out of line, uncompressed.
ALTER TABLE "inspection_frame_lists" ALTER COLUMN "cand_codes" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ALTER COLUMN "cand_ids" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ALTER COLUMN "cand_names" SET STORAGE EXTERNAL;--> statement-breakpoint
-- custom SQL (decision 051): the drawn objects' key to their campaign, checked once a statement instead of
-- once a row (a province draw inserts ~150 000 rows in one statement), and campaigns holding objects
-- cannot be deleted (campaigns are never deleted by the platform; this keeps what the dropped key kept).
CREATE OR REPLACE FUNCTION zl_inspection_objects_campaign_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM zl_new_objects n
             WHERE NOT EXISTS (SELECT 1 FROM inspection_campaigns c WHERE c.tenant_id = n.tenant_id AND c.id = n.campaign_id)) THEN
    RAISE EXCEPTION 'inspection_objects: campaign does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER inspection_objects_campaign_insert AFTER INSERT ON "inspection_objects"
  REFERENCING NEW TABLE AS zl_new_objects FOR EACH STATEMENT EXECUTE FUNCTION zl_inspection_objects_campaign_check();--> statement-breakpoint
CREATE TRIGGER inspection_objects_campaign_update AFTER UPDATE ON "inspection_objects"
  REFERENCING NEW TABLE AS zl_new_objects FOR EACH STATEMENT EXECUTE FUNCTION zl_inspection_objects_campaign_check();--> statement-breakpoint
CREATE OR REPLACE FUNCTION zl_inspection_campaigns_keep_objects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.tenant_id = OLD.tenant_id AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM inspection_objects o WHERE o.tenant_id = OLD.tenant_id AND o.campaign_id = OLD.id) THEN
    RAISE EXCEPTION 'inspection_campaigns: campaign % has drawn objects', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    RETURN NEW;
  END IF;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER inspection_campaigns_keep_objects BEFORE DELETE OR UPDATE OF tenant_id, id ON "inspection_campaigns"
  FOR EACH ROW EXECUTE FUNCTION zl_inspection_campaigns_keep_objects();
