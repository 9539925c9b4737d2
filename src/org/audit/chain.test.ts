import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import { createDepartment, updateDepartment } from '../departments/service';
import { canonicalJson, entryMac, verifyAuditChain, verifyTenantChain } from './chain';
import { writeAudit } from './service';
import type { Db } from '../../core/db/index';

/** What someone with the database's own role can do: switch the append-only trigger off and edit. */
async function tamper(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  });
}

it('canonical JSON does not depend on key order', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
});

forEachDb('audit chain', (getDb) => {
  it('chains each tenant\'s entries; a clean log verifies', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const d = await createDepartment(db, admin, { name: '区住建局', aliases: ['区建住局'] });
    await updateDepartment(db, admin, d.id, { version: d.version, aliases: ['区建管委', '区住房和城乡建设局'] });
    const rows = (await db.execute<{ seq: string; prev_mac: string; mac: string }>(sql`select seq::text, prev_mac, mac from audit_log where tenant_id = ${tenantId} order by seq`)).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2]);
    expect(rows[0].prev_mac).toBe('');
    expect(rows[1].prev_mac).toBe(rows[0].mac);
    expect(rows[0].mac).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyTenantChain(db, tenantId)).toEqual({ tenantId, verified: 2, legacy: 0, ok: true });
  });

  it('names the first edited entry when a row is changed behind the application\'s back', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    for (const name of ['区卫健局', '区商务局', '区司法局', '区财政局']) await createDepartment(db, admin, { name });
    const [third] = (await db.execute<{ id: string }>(sql`select id::text from audit_log where tenant_id = ${tenantId} and seq = 3`)).rows;
    await tamper(db, sql`update audit_log set after = jsonb_set(after, '{name}', '"区伪造局"') where tenant_id = ${tenantId} and seq = 3`);
    const report = await verifyTenantChain(db, tenantId);
    expect(report.ok).toBe(false);
    expect(report.verified).toBe(2);
    expect(report.firstBreak).toMatchObject({ tenantId, id: Number(third.id), seq: 3, reason: 'mac', action: 'department.create' });
    // and the other tenants' chains are unaffected
    const other = await makeTenant(db);
    await createDepartment(db, other.admin, { name: '区教育局' });
    const all = await verifyAuditChain(db, { tenantIds: [tenantId, other.tenantId] });
    expect(all.map((r) => r.ok)).toEqual([false, true]);
  });

  it('notices a deleted entry, and a forged one re-signed without the key', async () => {
    const { db } = getDb();
    const a = await makeTenant(db);
    for (const name of ['区民政局', '区体育局', '区金融办']) await createDepartment(db, a.admin, { name });
    await tamper(db, sql`delete from audit_log where tenant_id = ${a.tenantId} and seq = 2`);
    expect((await verifyTenantChain(db, a.tenantId)).firstBreak).toMatchObject({ seq: 3, reason: 'seq' });

    const b = await makeTenant(db);
    for (const name of ['区招商局', '区房管局']) await createDepartment(db, b.admin, { name });
    // the forger recomputes the mac, but with a key of their own
    const [row] = (await db.execute<Record<string, unknown>>(sql`select * from audit_log where tenant_id = ${b.tenantId} and seq = 1`)).rows;
    const forged = entryMac(
      {
        tenantId: b.tenantId,
        seq: 1,
        at: new Date(row.at as string),
        actorUserId: null,
        actorName: '测试管理员',
        action: 'department.create',
        entityType: 'department',
        entityId: row.entity_id as string,
        before: null,
        after: { ...(row.after as object), name: '区伪造局' },
        requestId: null,
        prevMac: '',
      },
      crypto.randomBytes(32),
    );
    await tamper(db, sql`update audit_log set after = jsonb_set(after, '{name}', '"区伪造局"'), mac = ${forged} where tenant_id = ${b.tenantId} and seq = 1`);
    expect((await verifyTenantChain(db, b.tenantId)).firstBreak).toMatchObject({ seq: 1, reason: 'mac' });
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction(async (tx) => {
          await writeAudit(tx, { actor: admin, action: 'test.concurrent', entityType: 'test', entityId: i, after: { i } });
          await writeAudit(tx, { actor: admin, action: 'test.concurrent', entityType: 'test', entityId: i, after: { i, second: true } });
        }),
      ),
    );
    const report = await verifyTenantChain(db, tenantId);
    expect(report).toMatchObject({ ok: true, verified: 48 });
  });
});
