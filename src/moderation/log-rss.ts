import { escapeXml as xml } from '../articles/rss.ts';
import { ACTION_LABELS, type LogEntry } from './log.ts';

/** The moderation log as RSS 2.0, newest first. Pure. */
export function logRss(base: string, entries: LogEntry[]): string {
  const items = entries.map((e) => {
    const title = `${e.moderatorName ?? '[deleted]'} ${ACTION_LABELS[e.action] ?? e.action}: ${e.targetLabel}`;
    const link = `${base}/moderation/log#action-${e.actionId}`;
    const description = `${e.reason}${e.detail ? ` (${e.detail})` : ''}`;
    return `<item><title>${xml(title)}</title><link>${xml(link)}</link><guid isPermaLink="false">crosscheck-moderation-${e.actionId}</guid><pubDate>${e.createdAt.toUTCString()}</pubDate><description>${xml(description)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Crosscheck moderation log</title><link>${xml(`${base}/moderation/log`)}</link><description>Every moderator action on Crosscheck, with its reason</description>${items.join('')}</channel></rss>`;
}
