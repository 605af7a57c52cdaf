import type { FigureStatus } from '../../src/crosscheck/figure-statuses.ts';

export const STATUS_LABELS: Record<FigureStatus, string> = {
  unreviewed: 'unreviewed',
  supported: 'supported',
  disputed: 'disputed',
  unsupported: 'unsupported',
  verified: 'verified',
  incorrect: 'incorrect',
};

/** A figure's review status as a small badge; "unreviewed" shows nothing unless asked to. */
export function StatusBadge(props: { status: FigureStatus; reason?: string | null; always?: boolean }) {
  if (props.status === 'unreviewed' && !props.always) return null;
  return (
    <span class={`status-badge status-${props.status}`} title={props.reason ?? undefined} data-status={props.status}>
      {STATUS_LABELS[props.status]}
    </span>
  );
}
