import { describe, expect, it } from 'vitest';
import { coreName, matchAgainst, similarity, type Department } from './model';

let nextId = 1;
const dept = (name: string, extra: Partial<Department> = {}): Department => ({
  id: nextId++,
  tenantId: 1,
  name,
  shortName: null,
  aliases: [],
  kind: 'department',
  sortOrder: 0,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 1,
  ...extra,
});

describe('department name matching', () => {
  it('reduces spellings of one department to the same core', () => {
    expect(coreName('区市场监督管理局')).toBe(coreName('县市场监管局'));
    expect(coreName('区发展和改革委员会')).toBe(coreName('区发改局'));
    expect(coreName('区 住房和城乡建设局')).toBe(coreName('区住建局'));
    expect(coreName('区教育局')).not.toBe(coreName('区体育局'));
  });

  it('scores similar names higher than unrelated ones', () => {
    expect(similarity('市场监管', '市场监管')).toBe(1);
    expect(similarity('市场监管', '市场')).toBeGreaterThan(similarity('市场监管', '教育'));
    expect(similarity('教育', '财政')).toBe(0);
  });

  it('prefers a certain match over suggestions and ignores inactive departments', () => {
    const dir = [dept('区市场监管局', { aliases: ['区市场监管分局'] }), dept('区住建局'), dept('区旧局', { active: false })];
    const r = matchAgainst('区市场监管分局', dir);
    expect(r.match?.department.name).toBe('区市场监管局');
    expect(r.suggestions.map((s) => s.department.name)).not.toContain('区市场监管局');
    expect(matchAgainst('区旧局', dir).match).toBeNull();
    expect(matchAgainst('区住房和城乡建设局', dir).suggestions[0]?.department.name).toBe('区住建局');
    expect(matchAgainst('', dir)).toEqual({ match: null, suggestions: [] });
  });
});
