import { expect, it } from 'vitest';
import { forEachDb } from '../../core/db/testing';
import { makeTenant } from '../testing';
import type { Actor } from '../auth/model';
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  matchDepartment,
  updateDepartment,
} from './service';

forEachDb('departments', (getDb) => {
  it('creates a department with short name and aliases, listed in sort order', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    await createDepartment(db, admin, { name: '区发改局', sortOrder: 20 });
    const d = await createDepartment(db, admin, {
      name: ' 区市场监管局 ',
      shortName: '市场监管局',
      aliases: ['区市场监管分局', '区市场监督管理局', '区市场监管分局', '区市场监管局'],
      sortOrder: 10,
    });
    expect(d).toMatchObject({ name: '区市场监管局', shortName: '市场监管局', aliases: ['区市场监管分局', '区市场监督管理局'], active: true, version: 1 });
    expect((await listDepartments(db, admin)).map((x) => x.name)).toEqual(['区市场监管局', '区发改局']);
    expect((await listDepartments(db, admin, { search: '监督管理' })).map((x) => x.name)).toEqual(['区市场监管局']);
  });

  it('refuses a name or alias already used by another department', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    await createDepartment(db, admin, { name: '区经信局', aliases: ['区经信委'] });
    await expect(createDepartment(db, admin, { name: '区经信局' })).rejects.toMatchObject({ code: 'DEPARTMENT_EXISTS', message: '部门“区经信局”已存在', status: 409 });
    await expect(createDepartment(db, admin, { name: '区经济和信息化局', aliases: ['区经信委'] })).rejects.toMatchObject({
      code: 'DEPARTMENT_ALIAS_TAKEN',
      message: '名称“区经信委”已被部门“区经信局”使用',
    });
    await expect(createDepartment(db, admin, { name: '  ' })).rejects.toMatchObject({ code: 'DEPARTMENT_NAME_REQUIRED', message: '请填写部门名称' });
  });

  it('optimistic concurrency: an edit based on an old version is refused and changes nothing', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    const d = await createDepartment(db, admin, { name: '区农业农村局' });
    const first = await updateDepartment(db, admin, d.id, { version: 1, aliases: ['区农业局'] });
    expect(first.version).toBe(2);
    await expect(updateDepartment(db, admin, d.id, { version: 1, shortName: '农业局' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '数据已被他人修改，请刷新后重试',
    });
    expect(await getDepartment(db, admin, d.id)).toMatchObject({ shortName: null, aliases: ['区农业局'], version: 2 });
  });

  it('delete is soft: the department leaves the list, stays readable, and can come back', async () => {
    const { db } = getDb();
    const { admin } = await makeTenant(db);
    const d = await createDepartment(db, admin, { name: '区招商局' });
    const gone = await deleteDepartment(db, admin, d.id, d.version);
    expect(gone.active).toBe(false);
    expect((await listDepartments(db, admin)).map((x) => x.id)).not.toContain(d.id);
    expect((await listDepartments(db, admin, { includeInactive: true })).map((x) => x.id)).toContain(d.id);
    await expect(createDepartment(db, admin, { name: '区招商局' })).rejects.toMatchObject({ code: 'DEPARTMENT_EXISTS', message: expect.stringContaining('已停用') });
    const back = await updateDepartment(db, admin, d.id, { version: gone.version, active: true });
    expect(back.active).toBe(true);
  });

  it("a user of tenant A asking for tenant B's department gets not-found, and cannot change it", async () => {
    const { db } = getDb();
    const a = await makeTenant(db);
    const b = await makeTenant(db);
    const dB = await createDepartment(db, b.admin, { name: '区财政局' });
    await expect(getDepartment(db, a.admin, dB.id)).rejects.toMatchObject({ code: 'DEPARTMENT_NOT_FOUND', status: 404, message: '部门不存在' });
    await expect(updateDepartment(db, a.admin, dB.id, { version: dB.version, name: '被改名' })).rejects.toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' });
    await expect(deleteDepartment(db, a.admin, dB.id, dB.version)).rejects.toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' });
    expect((await listDepartments(db, a.admin)).map((x) => x.id)).not.toContain(dB.id);
    expect(await getDepartment(db, b.admin, dB.id)).toMatchObject({ name: '区财政局', active: true });
    // tenant A may use the same name
    await createDepartment(db, a.admin, { name: '区财政局' });
  });

  it('only admins manage departments; every role reads them', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const d = await createDepartment(db, admin, { name: '区教育局' });
    const liaison: Actor = { tenantId, userId: 9, username: 'l', displayName: 'l', role: 'department', departmentId: d.id };
    await expect(createDepartment(db, liaison, { name: '区自建局' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateDepartment(db, liaison, d.id, { version: 1, name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listDepartments(db, liaison)).map((x) => x.name)).toEqual(['区教育局']);
  });

  it('matches written names: exact, short name, alias, and near-match suggestions', async () => {
    const { db } = getDb();
    const { tenantId, admin } = await makeTenant(db);
    const scjg = await createDepartment(db, admin, { name: '区市场监管局', shortName: '市场监管局', aliases: ['区市场监管分局', '区市场监督管理局'] });
    const fg = await createDepartment(db, admin, { name: '区发改局', aliases: ['区发改委'] });
    await createDepartment(db, admin, { name: '区农业农村局' });
    expect((await matchDepartment(db, tenantId, '区市场监管局')).match).toMatchObject({ kind: 'exact', department: { id: scjg.id } });
    expect((await matchDepartment(db, tenantId, '市场监管局')).match).toMatchObject({ kind: 'shortName', department: { id: scjg.id } });
    expect((await matchDepartment(db, tenantId, '区市场监督管理局')).match).toMatchObject({ kind: 'alias', department: { id: scjg.id } });
    expect((await matchDepartment(db, tenantId, '区发改委')).match).toMatchObject({ kind: 'alias', department: { id: fg.id } });
    const near = await matchDepartment(db, tenantId, '县市场监管局');
    expect(near.match).toBeNull();
    expect(near.suggestions[0]).toMatchObject({ kind: 'near', department: { id: scjg.id } });
    const none = await matchDepartment(db, tenantId, '区人民法院');
    expect(none).toEqual({ match: null, suggestions: [] });
    // another tenant's directory is not consulted
    const other = await makeTenant(db);
    expect(await matchDepartment(db, other.tenantId, '区市场监管局')).toEqual({ match: null, suggestions: [] });
  });
});
