import { describe, expect, it } from 'vitest';
import { extractClaims, METRICS, type Metric } from '../../src/claims/extract/extract.ts';
import { chooseMetric } from '../../src/claims/extract/metrics.ts';

const metricOf = (text: string) => {
  const claims = extractClaims(text, { rulesOnly: true });
  expect(claims, JSON.stringify(claims.map((c) => c.quote))).toHaveLength(1);
  return claims[0].metric;
};

describe('rule metric classifier', () => {
  it.each<[string, Metric]>([
    ['Meta raised its capex forecast to $65 billion.', 'capex'],
    ['Microsoft will invest $80 billion in AI data centers.', 'capex'],
    ['Claude Sonnet costs $3 per million input tokens.', 'cost_per_token'],
    ['API prices fell 80% over the year.', 'price_change'],
    ['Anthropic hit an annualized run-rate of $5 billion.', 'revenue'],
    ['Cloud revenue grew 35% year over year.', 'revenue_growth'],
    ['The startup is now valued at $30 billion.', 'valuation'],
    ['Mistral closed a $640 million Series B round.', 'funding'],
    ['Nvidia commands a 92% market share in data-center GPUs.', 'market_share'],
    ['The run consumed 5e25 FLOPs.', 'training_compute'],
    ['DeepSeek said the final training run cost $5.6 million.', 'training_cost'],
    ['The open model has 405 billion parameters.', 'parameters'],
    ['xAI bought 100,000 GPUs for its Memphis site.', 'gpu_count'],
    ['The campus will draw 1.2 GW at full build.', 'power'],
    ['ChatGPT has 400 million weekly active users.', 'usage'],
    ['Among the firms surveyed, 45% of enterprises have adopted AI agents.', 'usage'],
    ['The data center unit posted $20 billion in the quarter.', 'revenue'],
    ['Oracle is building a $15 billion data hall in Fort Worth.', 'other'],
    ['The assistant fields 1.2 billion questions a day.', 'usage'],
    ['Building the model cost the lab between $30 million and $60 million.', 'training_cost'],
    ['Nvidia stock slid 17% on the news.', 'other'],
    ['The lab lost $5 billion last year.', 'other'],
    ['A used H100 now sells for $20,000.', 'other'],
  ])('when the text says "%s", then the metric is %s', (text, metric) => {
    expect(metricOf(text)).toBe(metric);
  });

  it('when cues sit between two figures, then each cue goes to the figure it introduces', () => {
    const claims = extractClaims('Cloud revenue was $12.3 billion, up 28%, with an operating margin of 17.8%.', {
      rulesOnly: true,
    });
    expect(claims.map((c) => c.metric)).toEqual(['revenue', 'revenue_growth', 'other']);
    const backed = extractClaims(
      'OpenAI, backed by Microsoft with nearly $14 billion, expects revenue to triple to $12.7 billion.',
      { rulesOnly: true },
    );
    expect(backed.map((c) => [c.quote, c.metric])).toEqual([
      ['$14 billion', 'funding'],
      ['triple', 'revenue_growth'],
      ['$12.7 billion', 'revenue'],
    ]);
  });

  it('when a table header names the metric, then cells take it from the header and the row label', () => {
    const text = '| Lab | Estimated Training Cost | Valuation |\n|---|---|---|\n| Lab A | $100M+ | $18B |';
    expect(extractClaims(text, { rulesOnly: true }).map((c) => [c.metric, c.hedged])).toEqual([
      ['training_cost', true],
      ['valuation', false],
    ]);
  });

  it('when the rules nearly tie, then the scorer picks among the tied candidates only', () => {
    const seen: Metric[][] = [];
    const candidates = [
      { metric: 'funding' as const, score: 0.9 },
      { metric: 'capex' as const, score: 0.8 },
      { metric: 'other' as const, score: 0.12 },
    ];
    const picked = chooseMetric(candidates, 'context', (_c, tied) => (seen.push(tied), 'capex'));
    expect(seen).toEqual([['funding', 'capex']]);
    expect(picked).toBe('capex');
  });

  it('when the scorer answers something outside the candidates or null, then the rules decide', () => {
    const candidates = [
      { metric: 'funding' as const, score: 0.9 },
      { metric: 'capex' as const, score: 0.85 },
    ];
    expect(chooseMetric(candidates, 'c', () => 'parameters')).toBe('funding');
    expect(chooseMetric(candidates, 'c', () => null)).toBe('funding');
  });

  it('when a scorer is passed to extractClaims, then it receives the context and the tied candidates', () => {
    const calls: [string, Metric[]][] = [];
    // A funding column holding a capex row: the rules cannot tell.
    const text = '| Item | Funding |\n| Data center capex | $2B |';
    const scorer = (context: string, tied: Metric[]) => (calls.push([context, tied]), tied.at(-1) ?? null);
    const claim = extractClaims(text, { kind: 'table_row', metricScorer: scorer, rulesOnly: true })[0];
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe('Funding | Data center capex | $2B');
    expect(calls[0][1]).toEqual(['funding', 'capex']);
    expect(claim.metric).toBe('capex');
  });

  it('when the rules are sure, then the scorer is not asked', () => {
    let asked = 0;
    extractClaims('The run consumed 5e25 FLOPs.', { metricScorer: () => (asked++, null), rulesOnly: true });
    expect(asked).toBe(0);
  });

  it('when a money measure is the figure\'s own head noun ("its valuation has soared to €5.8 billion"), then it settles the measure, whatever the headline says', () => {
    const [c] = extractClaims(
      'According to sources, the start-up’s valuation has soared to an impressive €5.8 billion.',
      { title: 'Mistral Raises €600 Million in Funding' },
    );
    expect(c.metric).toBe('valuation');
    const round = extractClaims('OpenAI raised $6.6 billion at a valuation of $157 billion.');
    expect(round.map((r) => r.metric)).toEqual(['funding', 'valuation']);
  });

  it('when any claim is produced, then its metric is in METRICS', () => {
    const claims = extractClaims('Revenue rose 5% to $2 billion with 10,000 GPUs drawing 30 MW for 2 million users.');
    for (const c of claims) expect(METRICS).toContain(c.metric);
  });

  it('when a percent is a move of prices ("an 80% price reduction", "an 80% reduction from previous rates"), then it is a price change', () => {
    expect(extractClaims('OpenAI made an 80% price reduction for o3.')[0].metric).toBe('price_change');
    expect(extractClaims('This is an 80% reduction from previous rates of $10 per million tokens.')[0].metric).toBe(
      'price_change',
    );
    expect(extractClaims('Nvidia revenue fell 10% in the quarter.')[0].metric).toBe('revenue_growth');
  });
});
