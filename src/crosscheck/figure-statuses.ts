/** A figure's review statuses: plain data, so views can list them without loading the tables. */
export const FIGURE_STATUSES = ['unreviewed', 'supported', 'disputed', 'unsupported', 'verified', 'incorrect'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];
