// Worker threads start without the tsx loader the main thread may have, so this plain-JS entry
// registers it (scoped to this thread's imports) and re-exports the TypeScript worker named in
// workerData.entry. Piscina loads this file; the pool passes the real worker's path.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'crosscheck-worker' });
const worker = await tsx.import(workerData.entry, import.meta.url);

export default worker.default;
