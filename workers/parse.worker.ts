/**
 * Feed parsing in a worker thread (src/ingest/parse-pool.ts): sax, sanitize-html and the text
 * derivation run here, so a poll of many (or huge) feeds never stalls the web server's event loop,
 * and parsing overlaps with writing the previous feeds on another core. Failures come back as a
 * message, worded as on the main thread.
 */
import { parseFailureMessage, parseFeed, type ParsedFeed, type ParseOptions } from '../src/ingest/parse.ts';

export type ParseTask = ParseOptions & { body: string };
export type ParseReply = { ok: true; feed: ParsedFeed } | { ok: false; message: string };

export default async function parse(task: ParseTask): Promise<ParseReply> {
  try {
    return { ok: true, feed: await parseFeed(task.body, { feedUrl: task.feedUrl, contentType: task.contentType }) };
  } catch (err) {
    return { ok: false, message: parseFailureMessage(err) };
  }
}
