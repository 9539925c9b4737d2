import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, dataDir: path.resolve('data'), port: 3000, host: '127.0.0.1', sessionTtlHours: 12, poolSize: 1, dbMaxWaiting: 500, dbWaitMs: 5000 });
  });

  it('reads DATABASE_URL, ZHILIANG_DATA_DIR, PORT and HOST', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', ZHILIANG_DATA_DIR: '/srv/zl', PORT: '8080', HOST: '0.0.0.0' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h/db', dataDir: '/srv/zl', port: 8080, host: '0.0.0.0', poolSize: 10 });
  });

  it('refuses a bad port with a Chinese message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining('PORT') }));
    expect(() => loadConfig({ PORT: '70000' })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
