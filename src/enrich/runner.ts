import { errorMessage } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { BatchResult } from './enrich.ts';

export type EnrichStats = { done: number; failed: number; parked: number; batches: number; busySeconds: number };
export type EnrichRunner = { stop(): Promise<void>; stats(): EnrichStats; drain(): Promise<void> };

/** One kind of enrichment work: claims a batch of its jobs and does them. */
export type EnrichStep = (signal?: AbortSignal) => Promise<BatchResult>;

/**
 * Keeps claiming batches of every step while there is work, and sleeps `idleMs` when all queues
 * are empty. stop() lets the running batch finish (its lease would expire anyway if we were killed).
 */
export function startEnrichment(steps: EnrichStep[], log: Logger, opts: { idleMs: number }): EnrichRunner {
  const stats: EnrichStats = { done: 0, failed: 0, parked: 0, batches: 0, busySeconds: 0 };
  const controller = new AbortController();
  let wake: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];
  const loop = (async () => {
    while (!controller.signal.aborted) {
      let claimed = 0;
      const started = performance.now();
      for (const step of steps) {
        try {
          const r = await step();
          claimed += r.claimed;
          stats.done += r.done;
          stats.failed += r.failed;
          stats.parked += r.parked;
          if (r.claimed) stats.batches += 1;
        } catch (err) {
          log.error('enrichment batch crashed', { error: errorMessage(err) });
        }
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
