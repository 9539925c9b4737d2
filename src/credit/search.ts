// The 企业 list's credit filters (issue 11: "find any enterprise … by risk class or list membership"):
// the SQL of each condition, registered with the directory's search (enterprises/search-conditions.ts)
// when this module is loaded (credit's service imports it, so does every server and CLI path that
// searches). Each is a semi-join answered by an index led by (tenant_id, value, enterprise_id)
// (credit_risk_classes_class_idx, credit_lists_listed_idx): a rare value (class D, 严重违法失信) is read
// in enterprise id order from that index, a common one (class A) is checked row by row while the
// search walks the register in id order; either way the page of 20 stops early.
import { sql } from 'drizzle-orm';
import { registerSearchCondition } from '../enterprises/search-conditions';

registerSearchCondition(
  'riskClass',
  (tenantId, value) =>
    sql`enterprises.id in (select c.enterprise_id from credit_risk_classes c where c.tenant_id = ${tenantId} and c.class = ${value})`,
);

// a membership counts while the enterprise is on the list (state 'listed'), not while a listing is pending
registerSearchCondition(
  'list',
  (tenantId, value) =>
    sql`enterprises.id in (select m.enterprise_id from credit_list_memberships m where m.tenant_id = ${tenantId} and m.list = ${value} and m.state = 'listed')`,
);
