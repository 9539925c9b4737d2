// SQL of the annual assessment: schemes by year and one assessment per department and year.
// Every query filters by tenant. (The records it judges are read by ../notices/records-store.ts.)
import { and, asc, count, eq, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/index';
import { auditLog } from '../../org/audit/tables';
import { departments } from '../../org/departments/tables';
import { assessments, assessmentSchemes, type AssessmentRow, type AssessmentSchemeRow } from '../tables';

export async function selectScheme(db: DbOrTx, tenantId: number, year: number, forUpdate = false): Promise<AssessmentSchemeRow | undefined> {
  const q = db
    .select()
    .from(assessmentSchemes)
    .where(and(eq(assessmentSchemes.tenantId, tenantId), eq(assessmentSchemes.year, year)));
  const [s] = forUpdate ? await q.for('update') : await q;
  return s;
}

/** Inserts the scheme of a year unless one exists; returns the stored one. */
export async function ensureScheme(db: DbOrTx, row: typeof assessmentSchemes.$inferInsert): Promise<AssessmentSchemeRow> {
  await db.insert(assessmentSchemes).values(row).onConflictDoNothing();
  return (await selectScheme(db, row.tenantId, row.year))!;
}

export async function updateSchemeIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof assessmentSchemes.$inferInsert>,
): Promise<AssessmentSchemeRow | undefined> {
  const [s] = await db
    .update(assessmentSchemes)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(assessmentSchemes.tenantId, tenantId), eq(assessmentSchemes.id, id), eq(assessmentSchemes.version, version)))
    .returning();
  return s;
}

export type AssessmentWithName = AssessmentRow & { departmentName: string; departmentOrder: number };

const withName = {
  row: assessments,
  departmentName: departments.name,
  departmentOrder: departments.sortOrder,
};

function flatten(r: { row: AssessmentRow; departmentName: string; departmentOrder: number }): AssessmentWithName {
  return { ...r.row, departmentName: r.departmentName, departmentOrder: r.departmentOrder };
}

/** The year's assessments in the directory's order (a department's only when given); a page with `page`. */
export async function selectAssessments(
  db: DbOrTx,
  tenantId: number,
  year: number,
  departmentId?: number,
  page?: { limit: number; offset: number },
): Promise<AssessmentWithName[]> {
  const q = db
    .select(withName)
    .from(assessments)
    .innerJoin(departments, and(eq(departments.tenantId, assessments.tenantId), eq(departments.id, assessments.departmentId)))
    .where(
      and(eq(assessments.tenantId, tenantId), eq(assessments.year, year), ...(departmentId !== undefined ? [eq(assessments.departmentId, departmentId)] : [])),
    )
    .orderBy(asc(departments.sortOrder), asc(departments.id));
  const rows = page ? await q.limit(page.limit).offset(page.offset) : await q;
  return rows.map(flatten);
}

/** How many assessments selectAssessments lists without a page. */
export async function countAssessments(db: DbOrTx, tenantId: number, year: number, departmentId?: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(assessments)
    .where(and(eq(assessments.tenantId, tenantId), eq(assessments.year, year), ...(departmentId !== undefined ? [eq(assessments.departmentId, departmentId)] : [])));
  return Number(r?.n ?? 0);
}

export async function selectAssessment(db: DbOrTx, tenantId: number, id: number, forUpdate = false): Promise<AssessmentWithName | undefined> {
  const q = db
    .select(withName)
    .from(assessments)
    .innerJoin(departments, and(eq(departments.tenantId, assessments.tenantId), eq(departments.id, assessments.departmentId)))
    .where(and(eq(assessments.tenantId, tenantId), eq(assessments.id, id)));
  const [r] = forUpdate ? await q.for('update', { of: assessments }) : await q;
  return r ? flatten(r) : undefined;
}

/** Inserts or refreshes the computed part of a department's assessment; keeps adjustment and veto. */
export async function upsertComputed(
  db: DbOrTx,
  row: { tenantId: number; year: number; schemeId: number; departmentId: number; breakdown: unknown; computedScore: number; grade: string; computedAt: Date },
): Promise<AssessmentRow> {
  const [r] = await db
    .insert(assessments)
    .values(row)
    .onConflictDoUpdate({
      target: [assessments.tenantId, assessments.year, assessments.departmentId],
      set: {
        schemeId: row.schemeId,
        breakdown: row.breakdown,
        computedScore: row.computedScore,
        grade: row.grade,
        computedAt: row.computedAt,
        updatedAt: new Date(),
        version: sql`${assessments.version} + 1`,
      },
    })
    .returning();
  return r;
}

/** Removes the year's assessments of departments no longer assessed, unless adjusted or vetoed. */
export async function deleteStale(db: DbOrTx, tenantId: number, year: number, keepDepartmentIds: number[]): Promise<number> {
  const r = await db
    .delete(assessments)
    .where(
      and(
        eq(assessments.tenantId, tenantId),
        eq(assessments.year, year),
        sql`${assessments.adjustedScore} is null`,
        eq(assessments.veto, false),
        ...(keepDepartmentIds.length ? [notInArray(assessments.departmentId, keepDepartmentIds)] : []),
      ),
    )
    .returning({ id: assessments.id });
  return r.length;
}

export async function updateAssessmentIfVersion(
  db: DbOrTx,
  tenantId: number,
  id: number,
  version: number,
  patch: Partial<typeof assessments.$inferInsert>,
): Promise<AssessmentRow | undefined> {
  const [r] = await db
    .update(assessments)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(assessments.tenantId, tenantId), eq(assessments.id, id), eq(assessments.version, version)))
    .returning();
  return r;
}

/** The audited adjustments of an assessment, oldest first (who, when, before/after, reason). */
export async function selectAdjustmentHistory(
  db: DbOrTx,
  tenantId: number,
  assessmentId: number,
): Promise<{ at: Date; actorName: string; before: unknown; after: unknown }[]> {
  return db
    .select({ at: auditLog.at, actorName: auditLog.actorName, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(
      and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, 'assessment'), eq(auditLog.entityId, String(assessmentId)), eq(auditLog.action, 'assessment.adjust')),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
