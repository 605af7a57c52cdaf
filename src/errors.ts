/** One error type for the whole app: a stable code, an HTTP status and a message safe to show users. */
export type AppErrorOptions = {
  status?: number;
  userMessage?: string;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly userMessage: string;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 500;
    this.userMessage = options.userMessage ?? (this.status < 500 ? message : 'Something went wrong on our side.');
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
