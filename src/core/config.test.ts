import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, dataDir: path.resolve('data'), port: 3000, host: '127.0.0.1', sessionIdleMinutes: 30, sessionMaxHours: 12, trustProxy: false, poolSize: 1, dbMaxWaiting: 500, dbWaitMs: 5000 });
    expect(c.keyDir).toBe(path.resolve('data-keys'));
  });

  it('reads DATABASE_URL, ZHILIANG_DATA_DIR, PORT and HOST', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', ZHILIANG_DATA_DIR: '/srv/zl', PORT: '8080', HOST: '0.0.0.0' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h/db', dataDir: '/srv/zl', port: 8080, host: '0.0.0.0', poolSize: 10 });
  });

  it('reads the proxy trust setting and the sign-in limits', () => {
    expect(loadConfig({ ZHILIANG_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ZHILIANG_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(loadConfig({ ZHILIANG_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ ZHILIANG_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ ZHILIANG_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    const c = loadConfig({ ZHILIANG_LOGIN_MAX_FAILURES: '3', ZHILIANG_SESSION_IDLE_MINUTES: '10', ZHILIANG_KEY_DIR: '/srv/keys' });
    expect(c.loginLimits).toMatchObject({ pairMaxFailures: 3, addressMaxFailures: 20 });
    expect(c).toMatchObject({ sessionIdleMinutes: 10, keyDir: '/srv/keys' });
  });

  it('refuses a bad port with a Chinese message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining('PORT') }));
    expect(() => loadConfig({ PORT: '70000' })).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
