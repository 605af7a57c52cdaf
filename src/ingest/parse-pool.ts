/**
 * Where feed bodies are parsed: inline, or in worker threads (workers/parse.worker.ts) when
 * PARSE_THREADS > 0. Parsing and sanitising a feed is pure CPU (~0.15 ms per item, seconds for a
 * 10 MB feed); in threads it neither blocks the web server nor waits for the database, which
 * writes the previous feeds meanwhile (bench:ingest).
 */
import { Piscina } from 'piscina';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppError } from '../errors.ts';
import { workerExecArgv } from '../ml/pool.ts';
import { parseFeed, type ParsedFeed, type ParseOptions } from './parse.ts';
import type { ParseReply, ParseTask } from '../../workers/parse.worker.ts';

export type FeedParser = {
  parse(body: string, options: ParseOptions): Promise<ParsedFeed>;
  /** Lets running parses finish, then ends the threads. */
  close(): Promise<void>;
};

export const inlineParser: FeedParser = { parse: parseFeed, close: async () => {} };

const SHIM = fileURLToPath(new URL('../../workers/ts-worker.mjs', import.meta.url));
const WORKER = pathToFileURL(fileURLToPath(new URL('../../workers/parse.worker.ts', import.meta.url))).href;

export function createFeedParser(threads: number): FeedParser {
  if (threads < 1) return inlineParser;
  const piscina = new Piscina<ParseTask, ParseReply>({
    filename: SHIM,
    workerData: { entry: WORKER },
    minThreads: threads,
    maxThreads: threads,
    // Threads stay for the process's life: polls come every few minutes and starting one costs more than a poll's parsing.
    idleTimeout: Number.POSITIVE_INFINITY,
    execArgv: workerExecArgv(process.execArgv),
  });
  return {
    async parse(body, options) {
      const reply = await piscina.run({ body, feedUrl: options.feedUrl, contentType: options.contentType });
      if (!reply.ok) throw new AppError('feed_parse', reply.message);
      return reply.feed;
    },
    close: () => piscina.close(),
  };
}
