/**
 * The enrichment worker pool over piscina (the feed parser has its own, src/ingest/parse-pool.ts;
 * no other module knows piscina). Worker threads each hold one embedder (see workers/enrich.worker.ts); this side queues tasks, splits big batches across
 * threads, cancels with AbortSignal, times out start-up and closes gracefully.
 */
import { Piscina } from 'piscina';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../config.ts';
import { AppError, errorMessage } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import type {
  ClaimsResult,
  EmbedderInfo,
  EmbedResult,
  EnrichTask,
  Reply,
  TaskResult,
  WorkerData,
} from '../../workers/enrich.worker.ts';
import type { ClaimItem } from '../claims/embedding-metrics.ts';
import type { ModelOptions } from './embedder.ts';
import { aborted, poolClosed, startupFailed, translate } from './pool-errors.ts';

export type { EmbedderInfo, EmbedResult };

export type EmbeddingPoolOptions = ModelOptions & {
  poolSize: number;
  /** Longest wait for the first worker to load its model (or fail); a hung native load ends here. */
  startupTimeoutMs?: number;
  /** How long close() lets running tasks finish before it cancels them (at their next batch of 32). */
  closeTimeoutMs?: number;
  logger?: Logger;
};

export type EmbeddingPool = {
  /** Vectors in input order, all from the embedder named in the result. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<EmbedResult>;
  info(): Promise<EmbedderInfo>;
  /** The deterministic claim extractor, with embedding tie-breaks for metrics when a neural model is loaded. */
  extractClaims(items: ClaimItem[], options?: { signal?: AbortSignal }): Promise<ClaimsResult>;
  /** Refuses new tasks at once, lets running ones finish (up to closeTimeoutMs, then cancels them), ends the threads. */
  close(): Promise<void>;
};

const SHIM = fileURLToPath(new URL('../../workers/ts-worker.mjs', import.meta.url));
const WORKER = pathToFileURL(fileURLToPath(new URL('../../workers/enrich.worker.ts', import.meta.url))).href;
/** Below this many texts per thread, splitting a batch costs more in messaging than it saves. */
const MIN_TEXTS_PER_THREAD = 8;

export function embeddingPoolOptions(config: Config, logger?: Logger): EmbeddingPoolOptions {
  return {
    model: config.EMBEDDING_MODEL,
    modelDir: config.MODEL_DIR,
    allowRemote: config.ALLOW_REMOTE_MODELS,
    device: config.EMBED_DEVICE,
    intraOpThreads: config.POOL_INTRA_OP_THREADS,
    poolSize: config.POOL_SIZE,
    logger,
  };
}

export async function createEmbeddingPool(opts: EmbeddingPoolOptions): Promise<EmbeddingPool> {
  if (opts.poolSize < 1)
    throw new AppError('embed_pool_disabled', 'POOL_SIZE is 0: in-process enrichment is disabled.');
  const logger = opts.logger ?? silentLogger;
  const { poolSize, startupTimeoutMs = 120_000, closeTimeoutMs = 30_000, logger: _, ...model } = opts;
  const workerData: WorkerData = { entry: WORKER, model };
  const piscina = new Piscina<EnrichTask, Reply<TaskResult<EnrichTask>>>({
    filename: SHIM,
    workerData,
    minThreads: poolSize,
    maxThreads: poolSize,
    execArgv: workerExecArgv(process.execArgv),
  });
  piscina.on('error', (err) => logger.error('embedding worker failed', { error: errorMessage(err) }));
  const state = { closed: false };
  const tasks = createTaskRunner(piscina, state);

  const info = await startup(tasks, piscina, startupTimeoutMs);
  if (info.fallbackReason)
    logger.warn('embedding model unavailable, using the lexical embedder', {
      embedder: info.embedder,
      reason: info.fallbackReason,
    });
  else
    logger.info('embedding pool ready', {
      embedder: info.embedder,
      device: info.device,
      poolSize,
      intraOpThreads: model.intraOpThreads,
    });

  let closing: Promise<void> | undefined;
  return {
    async embed(texts, { signal } = {}) {
      if (state.closed) throw poolClosed();
      if (signal?.aborted) throw aborted(signal.reason);
      if (texts.length === 0) return { embedder: info.embedder, dims: info.dims, vectors: [] };
      const parts = await Promise.all(
        split(texts, poolSize).map((part) => tasks.run({ task: 'embed', texts: part }, signal)),
      );
      return { embedder: parts[0].embedder, dims: parts[0].dims, vectors: parts.flatMap((p) => p.vectors) };
    },
    info: async () => info,
    async extractClaims(items, { signal } = {}) {
      if (state.closed) throw poolClosed();
      if (signal?.aborted) throw aborted(signal.reason);
      const parts = await Promise.all(
        split(items, poolSize).map((part) => tasks.run({ task: 'claims', items: part }, signal)),
      );
      return { version: parts[0]?.version ?? '', claims: parts.flatMap((p) => p.claims) };
    },
    close() {
      state.closed = true;
      closing ??= (async () => {
        if (!(await within(tasks.settled(), closeTimeoutMs))) {
          logger.warn('embedding pool close timed out; cancelling running tasks', { closeTimeoutMs });
          tasks.cancelAll();
          await tasks.settled();
        }
        await piscina.destroy();
      })();
      return closing;
    },
  };
}

type Run = <T extends EnrichTask>(task: T, signal?: AbortSignal) => Promise<TaskResult<T>>;

type TaskRunner = ReturnType<typeof createTaskRunner>;

/**
 * Runs tasks with a shared cancel flag each. An abort rejects the caller at once and raises the
 * flag; the worker stops at its next batch boundary. Piscina never sees the signal, because it
 * would terminate the thread, and terminating ONNX Runtime mid-run aborts the process.
 */
function createTaskRunner(piscina: Piscina<EnrichTask, Reply<TaskResult<EnrichTask>>>, state: { closed: boolean }) {
  const running = new Map<Promise<unknown>, Int32Array>();
  const run: Run = async (task, signal) => {
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const work = piscina.run({ ...task, cancel });
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    running.set(settled, cancel);
    void settled.then(() => running.delete(settled));
    try {
      const reply = await untilAborted(work, signal, () => Atomics.store(cancel, 0, 1));
      if (!reply.ok) throw new AppError(reply.error.code, reply.error.message, reply.error);
      return reply.value as TaskResult<typeof task>;
    } catch (err) {
      throw translate(err, { signal, closed: state.closed });
    }
  };
  return {
    run,
    cancelAll: () => running.forEach((cancel) => Atomics.store(cancel, 0, 1)),
    settled: () => Promise.all(running.keys()),
  };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(aborted(signal.reason));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

async function startup(tasks: TaskRunner, piscina: Piscina, timeoutMs: number): Promise<EmbedderInfo> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await tasks.run({ task: 'info' }, signal);
  } catch (err) {
    if (!signal.aborted) await piscina.destroy();
    else {
      // The load is still running, maybe in native code where terminating the thread would abort
      // the process: let it finish before ending the threads, and unref them meanwhile so a load
      // that truly hangs does not keep the process alive.
      piscina.threads.forEach((thread) => thread.unref());
      void tasks.settled().then(() => piscina.destroy());
    }
    throw startupFailed(err, { timedOut: signal.aborted, timeoutMs });
  }
}

/**
 * The parent's flags minus tsx's: worker threads inherit execArgv, and tsx's preload flags there add
 * ~100 MB per thread without loading TypeScript (workers/ts-worker.mjs does that).
 */
export function workerExecArgv(execArgv: string[]): string[] {
  const preload = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const [flag, inline] = execArgv[i].split(/=(.*)/s);
    const pair = preload.has(flag) && inline === undefined;
    const value = pair ? execArgv[i + 1] : inline;
    const keep = !(preload.has(flag) && value?.includes('tsx'));
    if (keep) out.push(...(pair ? [execArgv[i], execArgv[i + 1]] : [execArgv[i]]));
    if (pair) i++;
  }
  return out;
}

function split<T>(texts: T[], threads: number): T[][] {
  const parts = Math.max(1, Math.min(threads, Math.floor(texts.length / MIN_TEXTS_PER_THREAD)));
  const size = Math.ceil(texts.length / parts);
  return Array.from({ length: parts }, (_, i) => texts.slice(i * size, (i + 1) * size)).filter((p) => p.length > 0);
}

/** Resolves true once `work` settles, false if the timeout comes first. */
function within(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref());
  return Promise.race([work.then(() => true), timeout]);
}
