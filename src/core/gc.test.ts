import { describe, expect, it } from 'vitest';
import { collectGarbage } from './gc';

describe('collectGarbage', () => {
  it('frees what nothing refers to any more, without --expose-gc', () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 50_000 }, (_, i) => i + 0.5));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(200);
    garbage = undefined;
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    // 200 × 50 000 doubles: 80 MB; a full collection gives nearly all of it back
    expect(held - after).toBeGreaterThan(60 * 1024 * 1024);
    collectGarbage(); // a second call reuses the function
  });
});
