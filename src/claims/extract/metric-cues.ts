/** Words that tell what a figure measures, grouped by topic; metrics.ts maps topics to metrics. */
export type Topic =
  | 'revenue'
  | 'price'
  | 'capex'
  | 'funding'
  | 'valuation'
  | 'share'
  | 'compute'
  | 'training'
  | 'cost'
  | 'params'
  | 'gpu'
  | 'power'
  | 'usage'
  | 'stock'
  | 'profit'
  | 'performance';

export const TOPIC_CUES: Record<Topic, RegExp> = {
  revenue:
    /\b(?:revenues?|sales|run[- ]rate|annuali[sz]ed|ARR|bookings|top[- ]line|turnover|monetiz\w*|earn(?:s|ed|ing)?|brings? in|brought in|billings|makes|generat(?:e|es|ed|ing)|posted|posts)\b/gi,
  price:
    /\b(?:prices?|pricing|priced|cheaper|more expensive|less expensive|per[- ](?:\w+[- ])?tokens?|\/\s?1M|cost[- ]per[- ](?:\w+[- ])?token|inference (?:costs?|prices?|expenses?|bills?)|api (?:costs?|prices?|pricing|rates?)|operational costs?|costs? to (?:run|serve)|serving costs?|per[- ]unit)\b/gi,
  capex:
    /\b(?:capex|budgets?|capital (?:expenditures?|spending|spend|investments?)|spend(?:s|ing)?|spent|buildouts?|build-outs?|data ?cent(?:er|re)s?(?!\s+(?:unit|segment|business|division|group|revenue|sales))|datacent(?:er|re)s?|clusters?|campus(?:es)?|build(?:s|ing)? (?:\w+ ){0,3}(?:clusters?|data ?cent(?:er|re)s?|infrastructure|facilit(?:y|ies))|infrastructure (?:spend\w*|investments?|build\w*)|(?:invest\w*|spend\w*|pour\w*|commit\w*)\s+(?:\S+\s+){0,6}?(?:in|on|into|for)\s+(?:\S+\s+){0,3}?(?:infrastructure|data ?cent(?:er|re)s|capacity|compute))\b/gi,
  funding:
    /\b(?:rais(?:e|es|ed|ing)|funding|fundraising|funding round|round|series [a-h]|investors?|invest(?:s|ed|ing|ments?)?(?!\s+(?:\S+\s+){0,6}?(?:in|on|into|for)\s+(?:\S+\s+){0,3}?(?:infrastructure|data ?cent(?:er|re)s|capacity|compute)\b)|(?:pour(?:s|ed|ing)?|pump(?:s|ed|ing)?)(?!\s+(?:\S+\s+){0,6}?(?:in|on|into|for)\s+(?:\S+\s+){0,3}?(?:infrastructure|data ?cent(?:er|re)s|capacity|compute)\b)|tranches?|backed|backing|venture|financing|seed)\b/gi,
  valuation:
    /\b(?:valuations?|(?<!\b(?:deal|contract|agreement|pact|order|partnership|package)\b[^.;]{0,30})valued|values? (?:\w+ ){0,3}at|(?<!\bFort\s)worth|market (?:cap|capitali[sz]ation|value)|wip(?:e|ed|es|ing)(?: out| off)?|erased|(?:forward )?earnings multiple|times (?:forward |trailing )?(?:earnings|sales|revenue)|price[- ]to[- ](?:earnings|sales)|P\/E)\b/gi,
  share: /\b(?:market share|share of (?:the )?(?:\w+ ){0,3}market|of the (?:\w+ ){0,3}market|controls?|dominat\w+)\b/gi,
  compute: /\b(?:FLOPs?|compute|computing power|computational|GPU[- ]hours|training runs?|petaflops?)\b/gi,
  training:
    /\b(?:train(?:ed|ing|s)?|pre-?train(?:ed|ing)?|(?:build|built|building|develop|developed|developing|create|created|creating)\s+(?:the|a|its|their)\s+(?:\w+\s+)?model)\b/gi,
  cost: /\b(?:costs?|costing|expenses?|price tag|bill)\b/gi,
  params: /\b(?:param(?:eter)?s?|model size|in size|weights)\b/gi,
  gpu: /\b(?:GPUs?|accelerators?|chips?|H100s?|H200s?|A100s?|B200s?|GB200s?|TPUs?|Blackwell|Hopper|superchips?)\b/gi,
  power: /\b(?:power|electricity|energy|grid|watts?|gigawatts?|megawatts?|GW|MW|TWh|utilities)\b/gi,
  usage:
    /\b(?:users?|subscribers?|customers|queries|questions|prompts|searches|API calls|requests|conversations|messages|downloads|visits|sessions|adopt(?:ion|ed|ing|s)?|experimenting|deployed|deploying|using|weekly active|monthly active|daily active|MAUs?|DAUs?|processed|served|signups?|sign-ups?)\b/gi,
  stock: /\b(?:shares|stock|share price|stocks|Nasdaq|S&P)\b/gi,
  profit:
    /\b(?:loss(?:es)?|lost|losing|burn(?:ed|ing|s)?|opex|operating (?:expenses|costs)|income|deficit|cash burn|profits?|net income|margins?|EPS|earnings per share)\b/gi,
  performance:
    /\b(?:benchmarks?|MMLU|HumanEval|scores?|accuracy|capabilit(?:y|ies)|performance|throughput|latency|speed|faster)\b/gi,
};

export const TOPICS = Object.keys(TOPIC_CUES) as Topic[];

export interface CueHit {
  topic: Topic;
  start: number;
  end: number;
}

// Every figure of a sentence looks at the same cues: remember the last few spans scanned.
const recent = new Map<string, CueHit[]>();
let recentText = '';

/** Cue words in text[span], with absolute offsets; cached for the text being extracted. */
export function cueHits(text: string, start: number, end: number): CueHit[] {
  if (text !== recentText || recent.size > 16) {
    recent.clear();
    recentText = text;
  }
  const key = `${start}:${end}`;
  const cached = recent.get(key);
  if (cached) return cached;
  const body = text.slice(start, end);
  const hits: CueHit[] = [];
  for (const topic of TOPICS) {
    for (const m of body.matchAll(TOPIC_CUES[topic]))
      hits.push({ topic, start: start + m.index, end: start + m.index + m[0].length });
  }
  recent.set(key, hits);
  return hits;
}
