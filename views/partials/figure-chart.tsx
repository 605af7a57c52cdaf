import { scaled } from '../../src/claims/compare.ts';
import { formatValue } from '../../src/claims/format.ts';
import type { LedgerClaim } from '../../src/claims/ledger.ts';

/**
 * Values of one figure over time, one colour per source, drawn server-side as SVG (no JS).
 * Values are put on the comparison scale first (per-token rates, change factors), so points that
 * agree sit together; ranges are vertical bars, hedged values hollow.
 */
const COLORS = ['#0b6e4f', '#9a3412', '#1d4ed8', '#7c3aed', '#b45309', '#be185d', '#0f766e', '#4d7c0f'];
const W = 640;
const H = 220;
const PAD = { left: 64, right: 16, top: 16, bottom: 36 };

export function FigureChart(props: { claims: LedgerClaim[] }) {
  const points = props.claims.flatMap((c) => {
    const s = scaled({
      value: c.value,
      valueHigh: c.valueHigh,
      unit: c.unit,
      per: c.per,
      direction: c.direction,
      hedged: c.hedged,
    });
    return s ? [{ c, s, t: c.statedAt.getTime(), source: sourceName(c) }] : [];
  });
  const kinds = new Set(points.map((p) => p.s.kind));
  if (points.length === 0) return null;
  const kind = [...kinds][0];
  const shown = points.filter((p) => p.s.kind === kind);
  const t0 = Math.min(...shown.map((p) => p.t));
  const t1 = Math.max(...shown.map((p) => p.t));
  const v0 = Math.min(...shown.map((p) => p.s.low));
  const v1 = Math.max(...shown.map((p) => p.s.high));
  const pad = (v1 - v0 || Math.abs(v1) || 1) * 0.15;
  const [lo, hi] = [v0 - pad, v1 + pad];
  const x = (t: number) =>
    PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const sources = [...new Set(shown.map((p) => p.source))];
  const color = (s: string) => COLORS[sources.indexOf(s) % COLORS.length];
  const ticks = [lo + pad, (lo + hi) / 2, hi - pad];
  const axis = axisOf(kind);
  const label = axis.label;
  return (
    <figure class="figure-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Values of this figure over time, by source (${label})`}
        width="100%"
      >
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#aaa" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#aaa" />
        {ticks.map((v) => (
          <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" font-size="11" fill="#5d636e">
            {axis.format(v)}
          </text>
        ))}
        <text x={PAD.left} y={H - 10} font-size="11" fill="#5d636e">
          {new Date(t0).toISOString().slice(0, 10)}
        </text>
        {t1 !== t0 ? (
          <text x={W - PAD.right} y={H - 10} font-size="11" fill="#5d636e" text-anchor="end">
            {new Date(t1).toISOString().slice(0, 10)}
          </text>
        ) : null}
        {shown.map((p) =>
          p.s.high !== p.s.low ? (
            <line
              x1={x(p.t)}
              x2={x(p.t)}
              y1={y(p.s.low)}
              y2={y(p.s.high)}
              stroke={color(p.source)}
              stroke-width="4"
              stroke-linecap="round"
            >
              <title>{`${p.source}: ${p.c.quote}`}</title>
            </line>
          ) : (
            <circle
              cx={x(p.t)}
              cy={y(p.s.low)}
              r="6"
              fill={p.c.hedged ? 'white' : color(p.source)}
              stroke={color(p.source)}
              stroke-width="2"
            >
              <title>{`${p.source}: ${p.c.quote}`}</title>
            </circle>
          ),
        )}
      </svg>
      <figcaption>
        {label}:{' '}
        {sources.map((s) => (
          <span class="legend">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={color(s)} />
            </svg>{' '}
            {s}
          </span>
        ))}
        {kinds.size > 1 ? <span class="meta"> · claims in other units are listed below but not drawn</span> : null}
      </figcaption>
    </figure>
  );
}

export function sourceName(c: LedgerClaim): string {
  return c.source.kind === 'article' ? (c.source.feedTitle ?? c.source.title) : `comment #${c.source.commentId}`;
}

/**
 * Axis labels written as the chips write values (formatValue: "$40B", "1.5×"). A per-token rate
 * is drawn per million tokens, as prices are quoted, so the axis reads "$2.5", not "2.5e-6".
 */
export function axisOf(kind: string): { label: string; format: (v: number) => string } {
  if (kind === 'change-factor')
    return { label: 'change (× of before)', format: (v) => formatValue(plain(round(v), 'ratio')) };
  const [unit, per] = [kind.slice(0, kind.indexOf('/')), kind.slice(kind.indexOf('/') + 1)];
  const perMillion = /\btoken$/.test(per);
  const scale = perMillion ? 1e6 : 1;
  const label = `${unit}${per ? ` per ${perMillion ? `1M ${per}s` : per}` : ''}`;
  return { label, format: (v) => formatValue(plain(round(v * scale), unit)) };
}

const plain = (value: number, unit: string) => ({
  value,
  valueHigh: null,
  unit,
  per: null,
  direction: null,
  hedged: false,
});
/** Three significant digits: ticks sit between stated values, so "$10.3456B" would claim a precision nobody stated. */
const round = (v: number) => Number(v.toPrecision(3));
