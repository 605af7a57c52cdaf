import { AsyncLocalStorage } from 'node:async_hooks';
import { pino } from 'pino';

/**
 * Structured logs through pino: one JSON object per line (`time`, `level`, `msg`, the fields) on
 * stderr, or wherever `write` sends them. Lines logged while a request is handled carry its
 * `requestId` (see withLogContext), however deep the code that logs them.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

const context = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs fn with fields added to every line logged inside it (a request's id, for its whole handling). */
export function withLogContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  return context.run(fields, fn);
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => context.getStore() ?? {},
    },
    { write },
  );
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: Record<string, unknown>) =>
    log[lvl](fields ?? {}, msg);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger('silent');
