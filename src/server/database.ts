// A database made ready for the platform: the migrations (src/core/db/migrate.ts), then the reference
// data the domains need (the GB/T 2260 regions of src/org/tenancy), under one advisory lock.
// Called by the server's start, every CLI command that opens the database, and the test databases
// (src/server/test-setup.ts hands it to src/core/db/testing.ts).
import type { Db } from '../core/db/index';
import { migrate } from '../core/db/migrate';
import { loadRegions, regionsLoaded } from '../org/tenancy/regions-load';

export async function prepareDatabase(db: Db, options: { townships?: boolean } = {}): Promise<{ regionsLoaded: number }> {
  const r = await migrate(db, { referenceData: (d) => loadRegions(d, options), referenceReady: (d) => regionsLoaded(d, options) });
  return { regionsLoaded: r.referenceRowsLoaded };
}
