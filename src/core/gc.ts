// A full garbage collection on demand, for the one moment a server knows it has just finished a
// large one-off job (the demo's content at a first start) and nothing else is running. V8 would shrink
// its heaps only after seconds to minutes of low allocation, so the memory the job used would stay
// in the process's RSS meanwhile. Without --expose-gc: the flag is set at run time and the function
// read from a fresh context (the documented way `vm` exposes it once the flag is on).
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}
