import { cueHits, TOPIC_CUES, TOPICS, type Topic } from './metric-cues.ts';
import type { FigureContext, Mention, Span } from './types.ts';

type Scores = Partial<Record<Topic, number>>;

const near = (d: number) => 1 / (1 + d / 30);
const gap = (f: Span, s: number, e: number) => (s >= f.end ? s - f.end : e <= f.start ? f.start - e : 0);

/**
 * Cue words around a figure, by topic: the strongest cue of each topic counts, nearer ones weigh
 * more, the clause more than the rest of the sentence, the previous sentence least; a table cell
 * looks at its column header and row label.
 */
export function topicScores(m: Mention, ctx: FigureContext): Scores {
  const scores: Scores = {};
  const keep = (topic: Topic, weight: number) => {
    scores[topic] = Math.max(scores[topic] ?? 0, weight);
  };
  const { text, clause, sentence, prev, table } = ctx;
  for (const hit of cueHits(text, sentence.start, sentence.end)) {
    const inClause = hit.start >= clause.start && hit.end <= clause.end;
    keep(hit.topic, (inClause ? 1 : 0.4) * proximity(m, ctx, hit));
  }
  // The previous sentence's last words count most ("… build their own cluster. The latter requires ~$100M").
  if (prev)
    for (const hit of cueHits(text, prev.start, prev.end))
      keep(hit.topic, 0.3 * near(prev.end - hit.end + m.start - sentence.start));
  // In a header or a row label the last words are the head of the phrase ("AI Chip Startup Funding").
  if (table)
    for (const hit of cueHits(table.header, 0, table.header.length))
      keep(hit.topic, 0.6 * near(table.header.length - hit.end));
  if (table)
    for (const hit of cueHits(table.subject, 0, table.subject.length))
      keep(hit.topic, 0.5 * near(table.subject.length - hit.end));
  return scores;
}

/**
 * How much a cue speaks of this figure. A cue after the figure that sits nearer a later figure
 * introduces that one ("up 28%, with an operating margin of 17.8%"), while a cue before is shared
 * ("capex will reach $300B, up from $230B"); past a comma after the figure a new phrase begins.
 */
function proximity(m: Mention, ctx: FigureContext, hit: Span): number {
  const own = gap(m, hit.start, hit.end);
  const after = hit.start >= m.end;
  const theirs = after && ctx.others.some((o) => o.start >= m.end && gap(o, hit.start, hit.end) < own);
  const pastComma = after && /[,;]/.test(ctx.text.slice(m.end, hit.start));
  return near(own) * (theirs ? 0.3 : 1) * (pastComma ? 0.5 : 1);
}

/** Topics named in a short phrase such as a share's whole ("of the inference expense"). */
export function phraseTopics(phrase: string): Scores {
  const scores: Scores = {};
  for (const topic of TOPICS) if (phrase.match(TOPIC_CUES[topic])) scores[topic] = 1;
  return scores;
}
