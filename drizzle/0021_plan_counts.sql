CREATE TABLE "plan_departments" (
	"tenant_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"target_count" integer DEFAULT 0 NOT NULL,
	"task_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_departments_tenant_id_plan_id_department_id_pk" PRIMARY KEY("tenant_id","plan_id","department_id")
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "target_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "task_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "department_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_departments" ADD CONSTRAINT "plan_departments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_departments" ADD CONSTRAINT "plan_departments_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_departments_department_idx" ON "plan_departments" USING btree ("tenant_id","department_id","plan_id");--> statement-breakpoint
-- Custom SQL (decision 044): the plan list's counts, kept by the database in the transaction of every
-- write to targets, tasks and their departments, whichever code makes it (services, department merges,
-- cascades from a deleted plan or item). A write's plans are recounted whole from their items (a plan has
-- tens of items), after their rows are locked, so two transactions changing one plan's items count each
-- other's committed rows (READ COMMITTED: each statement below takes a new snapshot).
CREATE OR REPLACE FUNCTION zl_plan_counts_refresh(p_tenants bigint[], p_plans bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_plans IS NULL OR cardinality(p_plans) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM plans p JOIN unnest(p_tenants, p_plans) AS k(tenant_id, plan_id) ON p.tenant_id = k.tenant_id AND p.id = k.plan_id
    ORDER BY p.tenant_id, p.id FOR UPDATE OF p;
  -- only plans that still exist (a deleted plan's items are deleted after it, by its foreign keys)
  WITH k AS (
    SELECT DISTINCT p.tenant_id, p.id AS plan_id FROM plans p JOIN unnest(p_tenants, p_plans) AS u(tenant_id, plan_id) ON p.tenant_id = u.tenant_id AND p.id = u.plan_id
  ), c AS (
    SELECT k.tenant_id, k.plan_id,
      (SELECT count(*) FROM targets t WHERE t.tenant_id = k.tenant_id AND t.plan_id = k.plan_id)::int AS targets,
      (SELECT count(*) FROM tasks x WHERE x.tenant_id = k.tenant_id AND x.plan_id = k.plan_id)::int AS tasks,
      (SELECT count(DISTINCT u.department_id) FROM (
         SELECT td.department_id FROM targets t JOIN target_departments td ON td.tenant_id = t.tenant_id AND td.target_id = t.id
          WHERE t.tenant_id = k.tenant_id AND t.plan_id = k.plan_id
         UNION ALL
         SELECT kd.department_id FROM tasks x JOIN task_departments kd ON kd.tenant_id = x.tenant_id AND kd.task_id = x.id
          WHERE x.tenant_id = k.tenant_id AND x.plan_id = k.plan_id) u)::int AS departments
    FROM k
  )
  UPDATE plans p SET target_count = c.targets, task_count = c.tasks, department_count = c.departments
    FROM c
   WHERE p.tenant_id = c.tenant_id AND p.id = c.plan_id
     AND (p.target_count, p.task_count, p.department_count) IS DISTINCT FROM (c.targets, c.tasks, c.departments);
  WITH k AS (
    SELECT DISTINCT p.tenant_id, p.id AS plan_id FROM plans p JOIN unnest(p_tenants, p_plans) AS u(tenant_id, plan_id) ON p.tenant_id = u.tenant_id AND p.id = u.plan_id
  ), c AS (
    SELECT tenant_id, plan_id, department_id, sum(nt)::int AS targets, sum(nk)::int AS tasks FROM (
      SELECT t.tenant_id, t.plan_id, td.department_id, 1 AS nt, 0 AS nk
        FROM k JOIN targets t ON t.tenant_id = k.tenant_id AND t.plan_id = k.plan_id
        JOIN target_departments td ON td.tenant_id = t.tenant_id AND td.target_id = t.id
      UNION ALL
      SELECT x.tenant_id, x.plan_id, kd.department_id, 0, 1
        FROM k JOIN tasks x ON x.tenant_id = k.tenant_id AND x.plan_id = k.plan_id
        JOIN task_departments kd ON kd.tenant_id = x.tenant_id AND kd.task_id = x.id) u
    GROUP BY tenant_id, plan_id, department_id
  ), gone AS (
    DELETE FROM plan_departments pd USING k
     WHERE pd.tenant_id = k.tenant_id AND pd.plan_id = k.plan_id
       AND NOT EXISTS (SELECT 1 FROM c WHERE c.tenant_id = pd.tenant_id AND c.plan_id = pd.plan_id AND c.department_id = pd.department_id)
  )
  INSERT INTO plan_departments (tenant_id, plan_id, department_id, target_count, task_count)
  SELECT tenant_id, plan_id, department_id, targets, tasks FROM c
  ON CONFLICT (tenant_id, plan_id, department_id) DO UPDATE SET target_count = excluded.target_count, task_count = excluded.task_count
   WHERE (plan_departments.target_count, plan_departments.task_count) IS DISTINCT FROM (excluded.target_count, excluded.task_count);
END;
$$;
--> statement-breakpoint
-- targets and tasks: the plans of the rows written (both sides of an update)
CREATE OR REPLACE FUNCTION zl_plan_counts_items() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ts bigint[];
  ps bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (SELECT DISTINCT tenant_id, plan_id FROM new_rows) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (SELECT DISTINCT tenant_id, plan_id FROM old_rows) s;
  ELSE
    -- an update changes the counts only if it moves an item to another plan (rare; editing the text of
    -- an item does not recount)
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT tenant_id, plan_id FROM (SELECT tenant_id, plan_id, id FROM new_rows EXCEPT SELECT tenant_id, plan_id, id FROM old_rows) a
      UNION
      SELECT tenant_id, plan_id FROM (SELECT tenant_id, plan_id, id FROM old_rows EXCEPT SELECT tenant_id, plan_id, id FROM new_rows) b) s;
  END IF;
  PERFORM zl_plan_counts_refresh(ts, ps);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- an item's departments: the plans of those items (an item deleted with its plan is found no more: the
-- item's own trigger has recounted)
CREATE OR REPLACE FUNCTION zl_plan_counts_target_departments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ts bigint[];
  ps bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT DISTINCT t.tenant_id, t.plan_id FROM new_rows r JOIN targets t ON t.tenant_id = r.tenant_id AND t.id = r.target_id) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT DISTINCT t.tenant_id, t.plan_id FROM old_rows r JOIN targets t ON t.tenant_id = r.tenant_id AND t.id = r.target_id) s;
  ELSE
    -- only rows whose item or department changed (not a role or an order)
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT DISTINCT t.tenant_id, t.plan_id
        FROM ((SELECT tenant_id, target_id, department_id FROM new_rows EXCEPT SELECT tenant_id, target_id, department_id FROM old_rows)
              UNION
              (SELECT tenant_id, target_id, department_id FROM old_rows EXCEPT SELECT tenant_id, target_id, department_id FROM new_rows)) r
        JOIN targets t ON t.tenant_id = r.tenant_id AND t.id = r.target_id) s;
  END IF;
  PERFORM zl_plan_counts_refresh(ts, ps);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zl_plan_counts_task_departments() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ts bigint[];
  ps bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT DISTINCT x.tenant_id, x.plan_id FROM new_rows r JOIN tasks x ON x.tenant_id = r.tenant_id AND x.id = r.task_id) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT DISTINCT x.tenant_id, x.plan_id FROM old_rows r JOIN tasks x ON x.tenant_id = r.tenant_id AND x.id = r.task_id) s;
  ELSE
    -- only rows whose item or department changed (not a role or an order)
    SELECT array_agg(tenant_id), array_agg(plan_id) INTO ts, ps FROM (
      SELECT DISTINCT x.tenant_id, x.plan_id
        FROM ((SELECT tenant_id, task_id, department_id FROM new_rows EXCEPT SELECT tenant_id, task_id, department_id FROM old_rows)
              UNION
              (SELECT tenant_id, task_id, department_id FROM old_rows EXCEPT SELECT tenant_id, task_id, department_id FROM new_rows)) r
        JOIN tasks x ON x.tenant_id = r.tenant_id AND x.id = r.task_id) s;
  END IF;
  PERFORM zl_plan_counts_refresh(ts, ps);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER targets_plan_counts_ins AFTER INSERT ON targets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_items();
--> statement-breakpoint
CREATE TRIGGER targets_plan_counts_upd AFTER UPDATE ON targets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_items();
--> statement-breakpoint
CREATE TRIGGER targets_plan_counts_del AFTER DELETE ON targets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_items();
--> statement-breakpoint
CREATE TRIGGER tasks_plan_counts_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_items();
--> statement-breakpoint
CREATE TRIGGER tasks_plan_counts_upd AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_items();
--> statement-breakpoint
CREATE TRIGGER tasks_plan_counts_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_items();
--> statement-breakpoint
CREATE TRIGGER target_departments_plan_counts_ins AFTER INSERT ON target_departments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_target_departments();
--> statement-breakpoint
CREATE TRIGGER target_departments_plan_counts_upd AFTER UPDATE ON target_departments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_target_departments();
--> statement-breakpoint
CREATE TRIGGER target_departments_plan_counts_del AFTER DELETE ON target_departments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_target_departments();
--> statement-breakpoint
CREATE TRIGGER task_departments_plan_counts_ins AFTER INSERT ON task_departments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_task_departments();
--> statement-breakpoint
CREATE TRIGGER task_departments_plan_counts_upd AFTER UPDATE ON task_departments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_task_departments();
--> statement-breakpoint
CREATE TRIGGER task_departments_plan_counts_del AFTER DELETE ON task_departments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION zl_plan_counts_task_departments();
--> statement-breakpoint
-- the counts of the plans already there
SELECT zl_plan_counts_refresh(array_agg(tenant_id), array_agg(id)) FROM plans;
