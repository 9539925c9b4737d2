// Every table of the platform, aggregated for drizzle (typed queries) and drizzle-kit (migrations).
// A domain adding tables re-exports its tables.ts here and runs `npx drizzle-kit generate`.
export * from '../tenancy/tables';
export * from '../auth/tables';
export * from '../audit/tables';
export * from '../../plans/departments/tables';
export * from '../calendar/tables';
export * from '../../plans/tables';
