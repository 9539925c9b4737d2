/**
 * Re-encrypting a personal-information column under the keyring's active key (after
 * `rotatePiiKey`), in batches, one transaction per batch. Columns live in tenant tables keyed by
 * (tenant_id, id); each value's context is `piiContext(table, column, tenantId, id)`.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { AppError } from '../errors';
import type { PiiKeyring } from './pii';

export interface PiiColumn {
  table: string;
  column: string;
}

/**
 * The columns that hold encrypted personal information. Domains add theirs here (the complaints
 * work to come: complainant name, phone, ID number) so that `zhiliang keys rotate-pii` covers them.
 */
export const PII_COLUMNS: PiiColumn[] = [];

/** The authenticated context of a value: it decrypts only in its own table, column and row. */
export function piiContext(table: string, column: string, tenantId: number, id: number): string {
  return `${table}.${column}:${tenantId}:${id}`;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** Re-encrypts every value of the column not yet under the active key; returns how many changed. */
export async function reencryptColumn(db: Db, keyring: PiiKeyring, col: PiiColumn, batchSize = 500): Promise<number> {
  if (!IDENT.test(col.table) || !IDENT.test(col.column)) throw new AppError('INVALID_COLUMN', `表名或列名无效：${col.table}.${col.column}`, 400);
  const table = sql.identifier(col.table);
  const column = sql.identifier(col.column);
  const current = `zlpi:1:${keyring.algorithm}:${keyring.active}:%`;
  let changed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ tenant_id: string; id: string; v: string }>(
        sql`select tenant_id, id, ${column} as v from ${table}
            where ${column} is not null and ${column} not like ${current}
            order by tenant_id, id limit ${batchSize} for update`,
      );
      for (const r of rows) {
        const ctx = piiContext(col.table, col.column, Number(r.tenant_id), Number(r.id));
        const next = keyring.reencrypt(r.v, ctx);
        await tx.execute(sql`update ${table} set ${column} = ${next} where tenant_id = ${r.tenant_id}::bigint and id = ${r.id}::bigint`);
      }
      return rows.length;
    });
    changed += n;
    if (n < batchSize) return changed;
  }
}
