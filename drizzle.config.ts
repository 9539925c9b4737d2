import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes SQL migrations into drizzle/ from the aggregated schema.
// Hand-written migrations (triggers, Citus distribution) are made with `--custom`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
