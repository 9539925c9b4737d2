import { describe, expect, it } from 'vitest';
import { IdleAsyncLocalStorage } from './idle-storage';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('IdleAsyncLocalStorage', () => {
  it('gives each run its own store through awaits, also when runs overlap', async () => {
    const s = new IdleAsyncLocalStorage<string>();
    const seen: string[] = [];
    const one = s.run('a', async () => {
      await tick();
      seen.push(`a:${s.getStore()}`);
      await tick();
      seen.push(`a:${s.getStore()}`);
    });
    const two = s.run('b', async () => {
      await tick();
      seen.push(`b:${s.getStore()}`);
    });
    expect(s.inFlight).toBe(2);
    await Promise.all([one, two]);
    expect(seen.sort()).toEqual(['a:a', 'a:a', 'b:b']);
    expect(s.inFlight).toBe(0);
    expect(s.getStore()).toBeUndefined();
  });

  it('nests: an inner run sees its store, the outer one its own again afterwards', async () => {
    const s = new IdleAsyncLocalStorage<number>();
    await s.run(1, async () => {
      await s.run(2, async () => {
        await tick();
        expect(s.getStore()).toBe(2);
      });
      expect(s.inFlight).toBe(1);
      await tick();
      expect(s.getStore()).toBe(1);
    });
    expect(s.inFlight).toBe(0);
  });

  it('a callback left behind by a finished run sees no store (the held connection is not lent to it)', async () => {
    const s = new IdleAsyncLocalStorage<string>();
    let late: string | undefined = 'not called';
    let fired!: () => void;
    const done = new Promise<void>((r) => (fired = r));
    await s.run('tx', async () => {
      setTimeout(() => {
        late = s.getStore();
        fired();
      }, 20);
    });
    await done;
    expect(late).toBeUndefined();
  });

  it('counts a failed run as finished and passes its error on', async () => {
    const s = new IdleAsyncLocalStorage<string>();
    await expect(
      s.run('x', async () => {
        await tick();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(s.inFlight).toBe(0);
    // usable again afterwards
    expect(await s.run('y', async () => s.getStore())).toBe('y');
  });
});
