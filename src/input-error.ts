import { AppError } from './errors.ts';

/**
 * A request the user can fix: the form is shown again beside the message with what they typed.
 * 422 so htmx swaps it in place (layout's responseHandling) and scripts can tell it from a crash.
 */
export function invalidInput(message: string, options: { status?: number } = {}): AppError {
  return new AppError('invalid_input', message, { status: options.status ?? 422, userMessage: message });
}

/** Errors a form shows inline: invalid input, conflicts and rate limits (anything else goes to onError). */
export function isFormError(err: unknown): err is AppError {
  return err instanceof AppError && (err.code === 'invalid_input' || err.code === 'rate_limited');
}
