ALTER TABLE "inspection_objects" DROP CONSTRAINT "inspection_objects_tenant_id_tenants_id_fk";
