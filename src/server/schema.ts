// Every table of the platform, aggregated for drizzle (typed queries) and drizzle-kit (migrations).
// A domain adding tables re-exports its tables.ts here and runs `npx drizzle-kit generate`.
export * from '../org/tenancy/tables';
export * from '../org/auth/tables';
export * from '../org/audit/tables';
export * from '../org/departments/tables';
export * from '../org/calendar/tables';
export * from '../plans/tables';
export * from '../plans/followups/tables';
export * from '../enterprises/tables';
export * from '../credit/tables';
export * from '../inspections/tables';
export * from '../sampling/tables';
