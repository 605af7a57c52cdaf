// Piscina's entry for TypeScript workers: imports the worker named in workerData.entry.
// A main thread running under tsx (`crosscheck`, `tsx`, `node --import tsx`) shares its loader
// hooks with worker threads, so the import just works, cheaply. Elsewhere (vitest, plain node)
// this thread registers tsx for itself: that works too but costs ~200 MB per thread, because
// tsx then re-processes transformers.js's 1.3 MB bundle in every thread.
import { workerData } from 'node:worker_threads';

async function load(entry) {
  try {
    return await import(entry);
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    return register({ namespace: 'crosscheck-worker' }).import(entry, import.meta.url);
  }
}

const worker = await load(workerData.entry);

export default worker.default;
