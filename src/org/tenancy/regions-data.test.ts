import { describe, expect, it } from 'vitest';
import { regionRecordCount, regionRecords } from './regions-data';

// A start compares the regions table's count with regionRecordCount; if the two disagreed, a start would
// either reload the regions every time or never load missing ones. The table keys on the code, and the
// package lists a few codes twice, so the count is of distinct codes: a count of the records (3 more)
// made every start rebuild and re-insert all 3 348 regions (about 0.3 s of CPU before the first page).
describe('the GB/T 2260 reference list', () => {
  it('counts the distinct regions the table will hold, with and without townships', () => {
    const counties = regionRecords();
    expect(regionRecordCount()).toBe(new Set(counties.map((r) => r.code)).size);
    expect(regionRecordCount()).toBeGreaterThan(3000);
    const all = regionRecords({ townships: true });
    expect(regionRecordCount({ townships: true })).toBe(new Set(all.map((r) => r.code)).size);
  });
});
