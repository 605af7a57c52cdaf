import { errorMessage } from '../errors.ts';
import { enrichBatch, type EnrichDeps } from './enrich.ts';

export type EnrichStats = { embedded: number; failed: number; parked: number; batches: number; busySeconds: number };
export type EnrichRunner = { stop(): Promise<void>; stats(): EnrichStats; drain(): Promise<void> };

/**
 * Keeps claiming batches while there is work, and sleeps `idleMs` when the queue is empty.
 * stop() lets the running batch finish (its lease would expire anyway if we were killed).
 */
export function startEnrichment(deps: EnrichDeps, opts: { idleMs: number }): EnrichRunner {
  const stats: EnrichStats = { embedded: 0, failed: 0, parked: 0, batches: 0, busySeconds: 0 };
  const controller = new AbortController();
  let wake: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];
  const loop = (async () => {
    while (!controller.signal.aborted) {
      let claimed = 0;
      const started = performance.now();
      try {
        const r = await enrichBatch(deps);
        claimed = r.claimed;
        stats.embedded += r.done;
        stats.failed += r.failed;
        stats.parked += r.parked;
        if (claimed) stats.batches += 1;
      } catch (err) {
        deps.log.error('enrichment batch crashed', { error: errorMessage(err) });
      }
      if (claimed) stats.busySeconds += (performance.now() - started) / 1000;
      if (claimed === 0) {
        idleWaiters.forEach((w) => w());
        idleWaiters = [];
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, opts.idleMs);
          wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
  })();
  return {
    stats: () => ({ ...stats }),
    /** Resolves the next time the queue is found empty (tests, start-up). */
    drain: () => new Promise<void>((resolve) => (idleWaiters.push(resolve), wake?.())),
    async stop() {
      controller.abort();
      wake?.();
      await loop;
      idleWaiters.forEach((w) => w());
    },
  };
}
