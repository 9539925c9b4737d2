import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from '../tenancy/tables';

/**
 * Append-only audit log. A trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 * actor_user_id is not a foreign key on purpose: the log outlives the users it names.
 * Each tenant's entries form a chain (chain.ts): `seq` counts 1, 2, 3 … per tenant, `mac` is an
 * HMAC-SM3, under a key kept outside the database, over the entry and the previous entry's mac.
 * Rows written before the chain existed have null seq/mac.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: bigint('tenant_id', { mode: 'number' })
      .notNull()
      .references(() => tenants.id),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** position in the tenant's chain, 1-based */
    seq: bigint('seq', { mode: 'number' }),
    /** the previous entry's mac ('' for the first), hex */
    prevMac: text('prev_mac'),
    /** HMAC-SM3 over this entry's content and prev_mac, hex */
    mac: text('mac'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_log_at_idx').on(t.tenantId, t.at),
    index('audit_log_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    uniqueIndex('audit_log_chain_uq').on(t.tenantId, t.seq),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
