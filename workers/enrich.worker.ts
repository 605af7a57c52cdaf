/**
 * The enrichment worker: one default-exported function from a plain-data task to a plain-data reply.
 * Each thread loads its embedder lazily on the first task and keeps it; tasks dispatch on `task`
 * (`embed`, `claims`, `info`). Failures come back as data, since thrown errors lose their
 * AppError code crossing the thread boundary. Cancellation is cooperative: terminating a thread
 * while ONNX Runtime runs native code aborts the whole process.
 */
import { workerData } from 'node:worker_threads';
import { AppError, errorMessage } from '../src/errors.ts';
import { loadEmbedder, type EmbedDevice, type LoadedEmbedder, type ModelOptions } from '../src/ml/embedder.ts';
import { extractWithEmbeddings, extractorVersion, type ClaimItem } from '../src/claims/embedding-metrics.ts';
import type { Claim } from '../src/claims/extract/types.ts';

/** `cancel` is a shared flag the pool sets to 1 when the caller gives up (threads are never killed mid-run). */
type TaskBase = { cancel?: Int32Array };
export type EmbedTask = TaskBase & { task: 'embed'; texts: string[] };
export type InfoTask = TaskBase & { task: 'info' };
export type ClaimsTask = TaskBase & { task: 'claims'; items: ClaimItem[] };
export type EnrichTask = EmbedTask | InfoTask | ClaimsTask;

export type EmbedResult = { embedder: string; dims: number; vectors: Float32Array[] };
export type EmbedderInfo = { embedder: string; dims: number; device: EmbedDevice; fallbackReason: string | null };
export type ClaimsResult = { version: string; claims: Claim[][] };
export type TaskResult<T extends EnrichTask> = T extends EmbedTask
  ? EmbedResult
  : T extends ClaimsTask
    ? ClaimsResult
    : EmbedderInfo;

export type PlainError = { code: string; message: string; status: number; userMessage: string };
export type Reply<R> = { ok: true; value: R } | { ok: false; error: PlainError };

export type WorkerData = { entry: string; model: ModelOptions };

let loading: Promise<LoadedEmbedder> | undefined;
// A failed load stays failed: the same files and device would fail the same way on retry.
const embedder = () => (loading ??= loadEmbedder((workerData as WorkerData).model));

export default async function enrich(task: EnrichTask): Promise<Reply<TaskResult<EnrichTask>>> {
  try {
    return { ok: true, value: await run(task) };
  } catch (err) {
    return { ok: false, error: toPlain(err) };
  }
}

async function run(task: EnrichTask): Promise<EmbedResult | EmbedderInfo | ClaimsResult> {
  const { embedder: e, fallbackReason } = await embedder();
  switch (task.task) {
    case 'embed':
      return { embedder: e.name, dims: e.dims, vectors: await e.embed(task.texts, () => isSet(task.cancel)) };
    case 'info':
      return { embedder: e.name, dims: e.dims, device: e.device, fallbackReason };
    case 'claims':
      return {
        version: extractorVersion(e.name),
        claims: await extractWithEmbeddings(task.items, e.name, (texts) => e.embed(texts, () => isSet(task.cancel))),
      };
    default:
      throw new AppError('unknown_task', `Unknown worker task: ${JSON.stringify((task as { task: unknown }).task)}`);
  }
}

const isSet = (flag?: Int32Array) => flag !== undefined && Atomics.load(flag, 0) === 1;

function toPlain(err: unknown): PlainError {
  if (err instanceof AppError)
    return { code: err.code, message: err.message, status: err.status, userMessage: err.userMessage };
  return {
    code: 'worker_failed',
    message: errorMessage(err),
    status: 500,
    userMessage: 'Something went wrong on our side.',
  };
}
