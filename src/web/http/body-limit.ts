import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors.ts';

/**
 * Refuses request bodies over `maxBytes` with 413, sent with `Connection: close`: the rest of the
 * body is never read, so the connection cannot carry another request. Without the header the
 * client would send its next request on a socket the server is about to drop, and lose it.
 */
export function limitBody(options: { maxBytes: number; userMessage: string }): MiddlewareHandler {
  return bodyLimit({
    maxSize: options.maxBytes,
    onError: (c) => {
      c.header('Connection', 'close');
      throw new AppError('too_large', `Request body over ${options.maxBytes} bytes`, {
        status: 413,
        userMessage: options.userMessage,
      });
    },
  });
}
