-- Scale-out with Citus, guarded: a no-op unless the citus extension is installed.
-- Tables in schema public with a tenant_id column are distributed by tenant_id (colocated);
-- the others (regions, tenants, lookup tables) become reference tables. Foreign keys decide the
-- order, so tables are retried until every one is done or nothing moves. migrate() calls the
-- function again after every run, so tables added by later migrations are distributed too.
CREATE OR REPLACE FUNCTION zl_distribute_tables() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  pending int;
  done int;
  last_err text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  -- triggers (the audit log's append-only guard) are allowed on distributed tables
  EXECUTE 'SET LOCAL citus.enable_unsafe_triggers = on';
  LOOP
    pending := 0;
    done := 0;
    FOR r IN EXECUTE $q$
      SELECT c.oid::regclass::text AS qname,
             EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)
       ORDER BY c.relname
    $q$
    LOOP
      BEGIN
        IF r.has_tenant THEN
          EXECUTE format('SELECT create_distributed_table(%L, %L)', r.qname, 'tenant_id');
        ELSE
          EXECUTE format('SELECT create_reference_table(%L)', r.qname);
        END IF;
        done := done + 1;
      EXCEPTION WHEN others THEN
        pending := pending + 1;
        last_err := r.qname || ': ' || SQLERRM;
      END;
    END LOOP;
    EXIT WHEN pending = 0;
    IF done = 0 THEN
      RAISE EXCEPTION 'Citus 分布表失败 %', last_err;
    END IF;
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT zl_distribute_tables();
