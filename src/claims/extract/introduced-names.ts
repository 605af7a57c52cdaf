/**
 * Companies the alias table does not know, named the way news introduces a company: after what it
 * is ("AI startup Scale", "AI data center provider Lambda", "chipmaker Cerebras Systems") or
 * before it, as an appositive ("Lambda, a leading AI data center operator, …"). Once introduced, a
 * name is an entity wherever the same text writes it again. A name the alias table knows with a
 * usual suffix ("Scale" → Scale AI, "Lambda" → Lambda Labs) is that entity; another keeps its
 * name, corporate suffixes dropped ("Avride Inc." → Avride). Analysts, investors, law and PR firms
 * introduced the same way ("research firm Gartner", "investment firm TWG Global") are sources or
 * backers, not what figures are about, and are left out.
 */
export type IntroducedName = { words: string[]; name: string };

const KINDS =
  '(?:startup|start-up|unicorn|chipmaker|chip ?maker|chip designer|provider|operator|developer|maker|lab|neocloud|company|firm)';
const NOT_SUBJECTS =
  /\b(?:research|analyst|analysts|analytics|consulting|consultancy|investment|investing|venture|capital|equity|law|legal|advisory|ratings?|data|market|accounting|pr|media|news|brokerage|asset|management)\s+$/i;
const NAME = "((?:[A-Z][\\w&'’.-]*)(?:\\s+[A-Z][\\w&.-]*){0,2})";
const AFTER_KIND = new RegExp(`\\b${KINDS}\\s+${NAME}`, 'g');
// "Lambda, a provider of AI data centers, …", "On Tuesday, Lambda, an AI cloud company, …" (an
// indefinite article: "Well, the company …" names nothing).
const APPOSITIVE = new RegExp(
  `(?:^|[.!?]\\s+|\\n\\s*|,\\s+)${NAME},\\s+(?:a|an)\\s+(?:[\\w-]+\\s+){0,5}?${KINDS}\\b`,
  'g',
);
// Capitalised words that open a sentence or name no company.
const NOT_NAMES = new Set(
  (
    'the this that these those it its in on at for and but or a an as by with from to of ai us u.s. uk eu ceo cfo cto ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday inc corp group'
  ).split(' '),
);
const CORPORATE = /\s+(?:Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|LLC|plc|Co\.?|Group|Holdings|Systems|Technologies)$/;

export function introducedNames(text: string, known: (name: string) => string | null): IntroducedName[] {
  const out = new Map<string, IntroducedName>();
  const add = (raw: string, before: string) => {
    if (NOT_SUBJECTS.test(before)) return;
    const surface = raw.replace(/['’]s$/, '').replace(/[.,]$/, '');
    const words = surface.split(/\s+/);
    if (NOT_NAMES.has(words[0].toLowerCase()) || surface.length < 2) return;
    const name =
      known(surface) ??
      known(`${surface} AI`) ??
      known(`${surface} Labs`) ??
      (CORPORATE.test(surface) ? known(surface.replace(CORPORATE, '')) : null) ??
      surface.replace(CORPORATE, '');
    if (!out.has(surface)) out.set(surface, { words: words.map((w) => w.toLowerCase()), name });
  };
  for (const m of text.matchAll(AFTER_KIND)) add(m[1], text.slice(Math.max(0, m.index - 30), m.index));
  for (const m of text.matchAll(APPOSITIVE)) add(m[1], '');
  return [...out.values()];
}
