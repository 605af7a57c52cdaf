/** The pool's failures as AppErrors, so callers branch on a code rather than on piscina's messages. */
import { AppError, errorMessage } from '../errors.ts';

const UNAVAILABLE = 'Text analysis is unavailable right now.';

export function aborted(cause: unknown): AppError {
  // 499 is nginx's "client closed request": the caller gave up, nothing broke.
  return new AppError('embed_aborted', 'Embedding was cancelled by its caller.', {
    status: 499,
    userMessage: 'The request was cancelled.',
    cause,
  });
}

export function poolClosed(cause?: unknown): AppError {
  return new AppError('embed_pool_closed', 'The embedding pool is closed (the server is shutting down).', {
    status: 503,
    userMessage: UNAVAILABLE,
    cause,
  });
}

/** Maps a failed task to what its caller should see: cancelled, pool closed, or the worker's own error. */
export function translate(err: unknown, ctx: { signal?: AbortSignal; closed: boolean }): unknown {
  const code = err instanceof AppError ? err.code : undefined;
  if (ctx.signal?.aborted) return code === 'embed_aborted' ? err : aborted(err);
  // Without a caller's abort, a cancelled task was cancelled by close().
  if (ctx.closed && (code === undefined || code === 'embed_aborted')) return poolClosed(err);
  if (err instanceof AppError) return err;
  return new AppError('embed_failed', `Embedding worker failed: ${errorMessage(err)}`, {
    status: 503,
    userMessage: UNAVAILABLE,
    cause: err,
  });
}

export function startupFailed(err: unknown, ctx: { timedOut: boolean; timeoutMs: number }): unknown {
  if (!ctx.timedOut) return err;
  const message = `The embedding worker did not start within ${ctx.timeoutMs} ms (loading the model or opening the device hung); check EMBED_DEVICE and MODEL_DIR.`;
  return new AppError('embed_startup_timeout', message, { status: 503, userMessage: UNAVAILABLE, cause: err });
}
