import { timeAgo } from '../../src/discussion/ranking.ts';

/** A relative time with the exact one in a tooltip and machine-readable attribute. */
export function TimeAgo(props: { date: Date; now: Date }) {
  return (
    <time datetime={props.date.toISOString()} title={props.date.toUTCString()}>
      {timeAgo(props.date, props.now)}
    </time>
  );
}
