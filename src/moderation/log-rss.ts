import { rss2 } from '../syndication/rss.ts';
import { ACTION_LABELS, type LogEntry } from './log.ts';

/** The moderation log as RSS 2.0, newest first. Pure. */
export function logRss(base: string, entries: LogEntry[]): string {
  return rss2({
    title: 'Crosscheck moderation log',
    link: `${base}/moderation/log`,
    description: 'Every moderator action on Crosscheck, with its reason',
    items: entries.map((e) => ({
      title: `${e.moderatorName ?? '[deleted]'} ${ACTION_LABELS[e.action] ?? e.action}: ${e.targetLabel}`,
      link: `${base}/moderation/log#action-${e.actionId}`,
      guid: `crosscheck-moderation-${e.actionId}`,
      date: e.createdAt,
      description: `${e.reason}${e.detail ? ` (${e.detail})` : ''}`,
    })),
  });
}
