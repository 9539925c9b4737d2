import { expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import type { Actor } from '../auth/model';
import { listAudit } from '../audit/service';
import { addTenantRegion, createTenant, getRegion, listTenantRegions, removeTenantRegion, searchRegions } from './service';
import { loadRegions, regionsLoaded } from './regions-load';

forEachDb('regions and tenant regions', (getDb) => {
  it('has the GB/T 2260 regions from province to county, with parents and full names', async () => {
    const { db } = getDb();
    expect(await getRegion(db, '330903')).toMatchObject({ name: '普陀区', level: 3, parentCode: '330900', fullName: '浙江省 舟山市 普陀区' });
    expect(await getRegion(db, '330900')).toMatchObject({ name: '舟山市', level: 2, parentCode: '330000' });
    expect(await getRegion(db, '330000')).toMatchObject({ name: '浙江省', level: 1, parentCode: null });
    expect(await getRegion(db, '310115')).toMatchObject({ name: '浦东新区', fullName: '上海市 浦东新区' });
    await expect(getRegion(db, '999999')).rejects.toMatchObject({ code: 'REGION_NOT_FOUND', status: 404 });
    await expect(getRegion(db, 'abc')).rejects.toMatchObject({ code: 'INVALID_REGION_CODE' });
  });

  it('reads a loaded regions table as loaded, so a start neither takes the migrations\' lock nor re-inserts the regions', async () => {
    const { db } = getDb();
    expect(await regionsLoaded(db)).toBe(true);
    expect(await loadRegions(db)).toBe(0);
  });

  it('searches regions by name, code prefix and parent', async () => {
    const { db } = getDb();
    const putuo = await searchRegions(db, { q: '普陀区' });
    expect(putuo.map((r) => r.code)).toEqual(expect.arrayContaining(['330903', '310107']));
    expect((await searchRegions(db, { q: '3309', level: 3 })).map((r) => r.name)).toEqual(expect.arrayContaining(['定海区', '普陀区', '岱山县', '嵊泗县']));
    const children = await searchRegions(db, { parentCode: '330900' });
    expect(children).toHaveLength(4);
  });

  it("an admin adds and removes the authority's regions, audited; the last one stays", async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db, '定海测试', '330902');
    expect((await listTenantRegions(db, admin)).map((r) => r.code)).toEqual(['330902']);
    await addTenantRegion(db, admin, '330903');
    await expect(addTenantRegion(db, admin, '330903')).rejects.toMatchObject({ code: 'REGION_ALREADY_ADDED', status: 409 });
    await expect(addTenantRegion(db, admin, '999999')).rejects.toMatchObject({ code: 'REGION_NOT_FOUND' });
    expect((await listTenantRegions(db, admin)).map((r) => r.code)).toEqual(['330902', '330903']);
    await removeTenantRegion(db, admin, '330902');
    await expect(removeTenantRegion(db, admin, '330903')).rejects.toMatchObject({ code: 'LAST_REGION', message: '单位至少要保留一个辖区' });
    expect((await listTenantRegions(db, admin)).map((r) => r.code)).toEqual(['330903']);
    expect((await listAudit(db, admin, { entityType: 'tenant_region' })).items.map((e) => e.action)).toEqual(['tenant_region.remove', 'tenant_region.add']);
  });

  it("regions of one tenant are not another's, and only admins change them", async () => {
    const { db } = getDb();
    const a = await makeTenant(db, 'A区', '330902');
    const b = await makeTenant(db, 'B区', '330903');
    await expect(removeTenantRegion(db, a.admin, '330903')).rejects.toMatchObject({ code: 'REGION_NOT_IN_TENANT' });
    expect((await listTenantRegions(db, b.admin)).map((r) => r.code)).toEqual(['330903']);
    const office: Actor = { tenantId: a.tenantId, userId: 1, username: 'o', displayName: 'o', role: 'office', departmentId: null };
    await expect(addTenantRegion(db, office, '330921')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listTenantRegions(db, office)).map((r) => r.code)).toEqual(['330902']);
  });

  it('refuses a tenant on an unknown region or without a name', async () => {
    const { db } = getDb();
    await expect(createTenant(db, { name: '某区', regionCode: '000000' })).rejects.toMatchObject({ code: 'REGION_NOT_FOUND' });
    await expect(createTenant(db, { name: ' ', regionCode: '330903' })).rejects.toMatchObject({ code: 'TENANT_NAME_REQUIRED' });
  });
});
