/**
 * The figure-identity development set (test/fixtures/real-figures/*.jsonl): real passages from
 * many outlets, grouped by the real-world quantity they state, with distractors that differ only
 * in period or measure. See test/fixtures/real-figures/README.md. Scoring is pure, so it is tested.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare } from '../../src/claims/compare.ts';
import { headlineOf } from '../../src/claims/eval-data.ts';

export type LabelledFigure = {
  quote: string;
  subject: string | null;
  metric: string;
  value: number;
  value_high: number | null;
  unit: string;
  per: string | null;
  period: string | null;
};
export type Passage = {
  id: string;
  group: string;
  role: 'member' | 'distractor';
  agrees: boolean | null;
  outlet: string;
  url: string;
  title: string;
  publishedAt: string;
  text: string;
  figure: LabelledFigure;
};
export type Split = 'dev' | 'heldout';

export const FIGURE_SET_DIR = fileURLToPath(new URL('../fixtures/real-figures/', import.meta.url));

/** A third of the groups (by a hash of the group id), with their distractors, are held out: never tuned on. */
export const splitOf = (group: string): Split =>
  createHash('sha256').update(group).digest()[0] % 3 === 0 ? 'heldout' : 'dev';

export function readFigureSet(dir = FIGURE_SET_DIR): Passage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(`${dir}/${f}`, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Passage),
    );
}

/** The headline fed to the pipeline: the real title, else the page's URL slug (bracketed titles were written by the labeller). */
export const realTitle = (p: Passage): string => headlineOf(p) ?? p.outlet;

/** What the pipeline did with one passage: the figure its labelled claim was filed under, and that figure's verdict. */
export type Outcome = { passage: Passage; figureId: number | null; verdict: string | null; extracted: boolean };

export type FigureScores = {
  passages: number;
  extracted: number;
  linkRecall: number;
  linkPrecision: number;
  memberPairs: number;
  sharedPairs: number;
  distractorLeaks: number;
  agreeingGroups: number;
  falseContradictions: number;
  disagreeingGroups: number;
  missedContradictions: number;
};

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
const comparable = (f: LabelledFigure) => ({
  value: f.value,
  valueHigh: f.value_high,
  unit: f.unit,
  per: f.per,
  direction: null,
  hedged: false,
});

/**
 * - link recall: pairs of members of one group that share a figure / all such pairs (both extracted);
 * - link precision: of all pairs of passages sharing a figure, those that are members of one group;
 * - a distractor leaks when it shares a figure with a member of its group;
 * - a false contradiction: a group whose outlets agree, one of whose figures is shown contested;
 * - a missed contradiction: a group with a member beyond the tolerance of the others (by the
 *   labels) where no figure holding both sides is shown contested.
 */
export function scoreFigures(outcomes: Outcome[]): FigureScores {
  const done = outcomes.filter((o) => o.extracted);
  let memberPairs = 0;
  let linked = 0;
  let shared = 0;
  let sameGroupShared = 0;
  for (let i = 0; i < done.length; i++) {
    for (let j = i + 1; j < done.length; j++) {
      const [a, b] = [done[i], done[j]];
      const members = a.passage.group === b.passage.group && a.passage.role === 'member' && b.passage.role === 'member';
      const together = a.figureId !== null && a.figureId === b.figureId;
      if (members) memberPairs += 1;
      if (members && together) linked += 1;
      if (together) shared += 1;
      if (together && members) sameGroupShared += 1;
    }
  }
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(o.passage.group, [...(groups.get(o.passage.group) ?? []), o]);
  let distractorLeaks = 0;
  let agreeingGroups = 0;
  let falseContradictions = 0;
  let disagreeingGroups = 0;
  let missedContradictions = 0;
  for (const list of groups.values()) {
    const members = list.filter((o) => o.passage.role === 'member');
    const figureIds = new Set(members.filter((o) => o.extracted && o.figureId !== null).map((o) => o.figureId));
    distractorLeaks += list.filter(
      (o) => o.passage.role === 'distractor' && o.extracted && figureIds.has(o.figureId),
    ).length;
    const agreeing = members.filter((o) => o.passage.agrees !== false);
    const dissent = members.filter(
      (o) =>
        o.passage.agrees === false &&
        agreeing.some((a) => compare(comparable(a.passage.figure), comparable(o.passage.figure)) === 'conflict'),
    );
    if (dissent.length === 0 && members.filter((o) => o.extracted).length >= 2) {
      agreeingGroups += 1;
      if (members.some((o) => o.extracted && o.verdict === 'contested')) falseContradictions += 1;
    }
    if (dissent.length > 0) {
      disagreeingGroups += 1;
      const caught = dissent.some(
        (d) =>
          d.extracted && d.verdict === 'contested' && agreeing.some((a) => a.extracted && a.figureId === d.figureId),
      );
      if (!caught) missedContradictions += 1;
    }
  }
  return {
    passages: outcomes.length,
    extracted: ratio(done.length, outcomes.length),
    linkRecall: ratio(linked, memberPairs),
    linkPrecision: ratio(sameGroupShared, shared),
    memberPairs,
    sharedPairs: shared,
    distractorLeaks,
    agreeingGroups,
    falseContradictions,
    disagreeingGroups,
    missedContradictions,
  };
}

export function formatScores(s: FigureScores): string {
  return (
    `figures: extracted=${s.extracted.toFixed(3)} link_recall=${s.linkRecall.toFixed(3)} link_precision=${s.linkPrecision.toFixed(3)} ` +
    `distractor_leaks=${s.distractorLeaks} false_contradictions=${s.falseContradictions}/${s.agreeingGroups} missed_contradictions=${s.missedContradictions}/${s.disagreeingGroups}`
  );
}
