/**
 * The measured side of `bench:embed`. Each configuration (the pool, or a bare ONNX Runtime session)
 * lives in its own child process, so its peak RSS is its own, and measures short windows on
 * request: the parent interleaves the configurations window by window and keeps each one's best,
 * so load from other processes on a shared machine hits them alike and mostly drops out.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Tensor } from 'onnxruntime-node';
import { createEmbeddingPool } from '../../src/ml/pool.ts';

export type RunSpec = {
  kind: 'pool' | 'bare';
  poolSize: number;
  threads: number;
  inflight: number;
  modelDir: string;
  modelId: string;
  sentences: string[];
};
type Step = {
  prepare?: (batches: string[][]) => void;
  run: (texts: string[]) => Promise<void>;
  close: () => Promise<void>;
};
type Request = { batch: number; seconds: number } | { done: true };
/** Sentences per second of wall clock, and per second of this process's CPU time (all threads). */
export type Rate = { wall: number; cpu: number };

/** The parent's handle on one child: `window(batch)` returns sentences/s over one window. */
export async function startRun(script: string, spec: RunSpec, cwd: string) {
  const child = fork(script, ['--child'], {
    cwd,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: { resolve: (m: unknown) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (m) => waiting?.resolve(m));
  child.on('exit', (code) => code && waiting?.reject(new Error(`${spec.kind} run exited with ${code}`)));
  const ask = (message: RunSpec | Request) => {
    child.send(message);
    return new Promise<unknown>((resolve, reject) => (waiting = { resolve, reject }));
  };
  await ask(spec);
  return {
    window: (batch: number, seconds: number) => ask({ batch, seconds }) as Promise<Rate>,
    /** Ends the child; resolves to its peak RSS in MB. */
    finish: () => ask({ done: true }) as Promise<number>,
    kill: () => child.kill(),
  };
}

/** The child's side: set up, answer each window request, report peak RSS at the end. */
export function serveRun(): void {
  process.on('disconnect', () => process.exit(1)); // the parent is gone
  let step: Step | undefined;
  let inflight = 1;
  let batchesOf: (size: number) => string[][] = () => [];
  const warmed = new Set<number>();
  process.on('message', async (message: RunSpec | Request) => {
    if ('kind' in message) {
      inflight = message.inflight;
      step = message.kind === 'pool' ? await poolStep(message) : await bareStep(message);
      const cache = new Map<number, string[][]>();
      batchesOf = (size) => cache.get(size) ?? cache.set(size, chunk(message.sentences, size)).get(size)!;
      return process.send!(0);
    }
    if ('done' in message) {
      await step!.close();
      process.send!(process.resourceUsage().maxRSS / 1024, () => process.exit(0));
      return;
    }
    const batches = batchesOf(message.batch);
    if (!warmed.has(message.batch)) {
      step!.prepare?.(batches);
      for (const b of batches.slice(0, 2)) await step!.run(b); // first-run allocations per shape
      warmed.add(message.batch);
    }
    process.send!(await measure(batches, message.seconds, inflight, step!));
  });
}

async function poolStep(spec: RunSpec): Promise<Step> {
  const pool = await createEmbeddingPool({
    model: spec.modelId,
    modelDir: spec.modelDir,
    allowRemote: false,
    device: 'cpu',
    poolSize: spec.poolSize,
    intraOpThreads: spec.threads,
  });
  const info = await pool.info();
  if (info.fallbackReason) throw new Error(`benchmark model did not load: ${info.fallbackReason}`);
  return { run: async (texts) => void (await pool.embed(texts)), close: () => pool.close() };
}

/** One session with all the threads, fed pre-tokenised batches: the ceiling the pool is held to. */
async function bareStep(spec: RunSpec): Promise<Step> {
  // Imported here, not at the top, so pool runs do not carry them in their main thread's RSS.
  const { AutoTokenizer } = await import('@huggingface/transformers');
  const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
  const tokenizer = await AutoTokenizer.from_pretrained(join(spec.modelDir, spec.modelId));
  const session = await ort.InferenceSession.create(join(spec.modelDir, spec.modelId, 'onnx/model_quantized.onnx'), {
    intraOpNumThreads: spec.threads,
    interOpNumThreads: 1,
  });
  const feeds = new Map<string[], Record<string, Tensor>>();
  const names = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
  const encode = (texts: string[]) => {
    const enc = tokenizer(texts, { padding: true, truncation: true });
    return Object.fromEntries(
      names.map((k) => [k, new ort.Tensor('int64', enc[k]!.data as BigInt64Array, enc[k]!.dims)]),
    );
  };
  return {
    // Tokenising happens before the clock starts; only session.run is measured.
    prepare: (batches) => batches.forEach((b) => feeds.set(b, encode(b))),
    run: async (texts) => void (await session.run(feeds.get(texts)!)),
    close: () => session.release(),
  };
}

async function measure(batches: string[][], seconds: number, inflight: number, step: Step): Promise<Rate> {
  let done = 0;
  let next = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const lane = async () => {
    while (elapsed() < seconds) {
      const b = batches[next++ % batches.length];
      await step.run(b);
      done += b.length;
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  const wall = elapsed();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: done / wall, cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

const chunk = (items: string[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
