import { describe, expect, it } from 'vitest';
import { regionRecordCount, regionRecords } from './regions-data';

// A start compares the regions table's count with regionRecordCount; if the two disagreed, a start would
// either reload the regions every time or never load missing ones.
describe('the GB/T 2260 reference list', () => {
  it('counts what it would load, with and without townships', () => {
    const counties = regionRecords();
    expect(regionRecordCount()).toBe(counties.length);
    expect(counties.length).toBeGreaterThan(3000);
    expect(regionRecordCount({ townships: true })).toBe(regionRecords({ townships: true }).length);
  });
});
