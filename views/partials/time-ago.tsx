import { timeAgo, timeUntil } from '../../src/discussion/ranking.ts';

/** A relative time with the exact one in a tooltip and machine-readable attribute. */
export function TimeAgo(props: { date: Date; now: Date }) {
  return (
    <time datetime={props.date.toISOString()} title={props.date.toUTCString()}>
      {timeAgo(props.date, props.now)}
    </time>
  );
}

/** A time still to come (a feed's next poll), same markup as TimeAgo. */
export function TimeUntil(props: { date: Date; now: Date }) {
  return (
    <time datetime={props.date.toISOString()} title={props.date.toUTCString()}>
      {timeUntil(props.date, props.now)}
    </time>
  );
}
