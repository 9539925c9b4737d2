// The document engine on a worker thread (see sandbox.ts). Worker threads do not inherit the
// TypeScript loader of the main thread: register tsx here, then load the engine.
import { register } from 'tsx/esm/api';

register();
await import('./sandbox-worker-main.ts');
