import type { Direction, FigureContext, Mention } from './types.ts';

const UP_VERB =
  'rose|rise|rises|rising|risen|grew|grow|grows|growing|grown|increased|increase|increases|increasing|jumped|' +
  'jump|jumps|jumping|surged|surge|surges|surging|soared|soar|soars|soaring|climbed|climb|climbs|climbing|gained|' +
  'gain|gains|expanded|expand|expands|boosted|boost|boosts|hiked|hike|hikes|spiked|rallied|accelerated|swelled|' +
  'ballooned|skyrocketed|added|adding|adds|growth|cagr|widened|doubled|tripled|quadrupled|up|higher|spiking|spikes|' +
  'rallying|rallies|accelerating|swelling|ballooning|skyrocketing|jumping|advancing|advanced|advances|leaping|leapt|leaped';
const DOWN_VERB =
  'fell|fall|falls|falling|fallen|dropped|drop|drops|dropping|declined|decline|declines|declining|decreased|' +
  'decrease|decreases|cut|cuts|cutting|slashed|slash|slashes|plunged|plunge|plunges|plummeted|tumbled|sank|slid|' +
  'slipped|shrank|shrunk|shrinks|contracted|lowered|lower|lowers|reduced|reduce|reduces|reducing|down|halved|' +
  'dipped|eased|slumped|crashed|collapsed|wiped|wiping|erased|narrowed|narrowing|tumbling|tumbles|plunging|sliding|slides|' +
  'sinking|sinks|slumping|slumps|dipping|dips|crashing|shrinking|plummeting|plummets|sagging|sagged|tanked|tanking|tanks';
// "raise"/"raised" moves a quantity only in "raised prices by 20%"; otherwise it is a funding round.
const BY_ONLY = 'raised|raise|raises|raising';

const UP_WORD = new RegExp(`\\b(${UP_VERB}|${BY_ONLY})\\b`, 'gi');
// "make up 50%", "break down": phrasal verbs whose particle is not a move.
const PHRASAL =
  /\b(?:make|makes|made|making|take|takes|took|end|ends|ended|set|sets|sum|sums|show|shows|showed|pick|picks|open|opens|opened|break|breaks|broke|broken|shut|shuts|step|steps|stepped|turn|turns|turned|back|backs|play|plays|played|double|doubles|doubled|doubling)\s+(?:up|down)$/i;
const BY_ONLY_WORD = new RegExp(`^(?:${BY_ONLY})$`, 'i');
const DOWN_WORD = new RegExp(`\\b(${DOWN_VERB})\\b`, 'gi');
const NOUN_AFTER =
  /^\+?\s*(?:\((?:est\.|projected)\)\s*)?(?:(?:yoy|y\/y|year[- ]over[- ]year|year[- ]on[- ]year|annual|quarterly|sequential|annuali[sz]ed)\s+)?(jump|increase|rise|gain|growth|surge|hike|boost|spike|uptick|climb|higher|more expensive|drop|decline|decrease|cut|reduction|fall|plunge|slump|dip|cheaper|lower|less expensive|discount|down|up|more|less|fewer)\b/i;
const DOWN_NOUN =
  /^(?:drop|decline|decrease|cut|reduction|fall|plunge|slump|dip|cheaper|lower|less expensive|discount|down)$/i;
const GROWTH_RATE = /^\s*(?:yoy|y\/y|year[- ]over[- ]year|year[- ]on[- ]year|qoq|q\/q|quarter[- ]over[- ]quarter)\b/i;
// "than text" is a static comparison; "than a year ago" is still a move.
const STATIC_THAN = /^\s+than\b(?!\s+(?:a year|last|the (?:previous|prior|same)|(?:in |during )?(?:19|20)\d{2}))/i;
const GROWTH_HEADER = /\b(?:growth|increase|change|cagr|yoy|gain)\b/i;

/** "up"/"down" when the text says the quantity moved (LABELS.md `direction`), else null. */
export function directionOf(m: Mention, ctx: FigureContext): Direction {
  if (m.direction) return m.direction;
  const after = ctx.text.slice(m.end, Math.min(ctx.clause.end, m.end + 40));
  const noun = NOUN_AFTER.exec(after);
  if (noun) {
    const rest = after.slice(noun.index + noun[0].length);
    // "43% more than in 2024" is growth; "10x more than its predecessor" is a comparison.
    if (/^(?:more|less|fewer)$/i.test(noun[1])) {
      if (/^\s+than\b/i.test(rest) && !STATIC_THAN.test(rest)) return noun[1].toLowerCase() === 'more' ? 'up' : 'down';
    } else {
      if (STATIC_THAN.test(rest)) return null;
      return DOWN_NOUN.test(noun[1]) ? 'down' : 'up';
    }
  }
  const before = directionBefore(ctx.text.slice(ctx.clause.start, m.start));
  if (before) return before;
  const growth = m.unit === 'percent' || m.unit === 'ratio';
  if (growth && GROWTH_RATE.test(after)) return 'up';
  if (growth && ctx.table && GROWTH_HEADER.test(ctx.table.header)) return 'up';
  return null;
}

/** The last direction word before the figure, if close enough to govern it. */
function directionBefore(lead: string): Direction {
  const last = lastMatch(lead, UP_WORD, 'up');
  const down = lastMatch(lead, DOWN_WORD, 'down');
  const word = !last || (down && down.index > last.index) ? down : last;
  if (!word) return null;
  const between = lead.slice(word.index + word.text.length);
  // "up to $5" and "higher than 5%" are bounds, not moves.
  if (/^up$/i.test(word.text) && /^\s*to\b/i.test(between)) return null;
  if (PHRASAL.test(lead.slice(0, word.index + word.text.length))) return null;
  if (/^(?:higher|lower)$/i.test(word.text) && /^\s*than\b/i.test(between)) return null;
  if (/\bfrom\s+\S*\s*$/i.test(between)) return null;
  const gap = between.trim() === '' ? 0 : between.trim().split(/\s+/).length;
  const byAmount = /\bby\s+(?:\S+\s+){0,2}$/i.test(between);
  if (BY_ONLY_WORD.test(word.text) && !byAmount) return null;
  return gap <= (byAmount ? 6 : 3) ? word.dir : null;
}

function lastMatch(text: string, re: RegExp, dir: 'up' | 'down') {
  let found: { index: number; text: string; dir: 'up' | 'down' } | undefined;
  for (const m of text.matchAll(re)) found = { index: m.index, text: m[1], dir };
  return found;
}
