import { ENTITY_ALIASES, PARENTS } from './aliases.ts';
import { editDistance } from './fuzzy.ts';
import { introducedNames, type IntroducedName } from './introduced-names.ts';
import type { Span } from './types.ts';

export interface EntityMention {
  start: number;
  end: number;
  name: string;
}

interface Alias {
  words: string[];
  name: string;
  capitalisedOnly: boolean;
}

const EXACT = new Map<string, Alias[]>(); // keyed by the alias's first word, lowercased
const FUZZY: { alias: string; name: string }[] = [];
for (const [name, aliases] of Object.entries(ENTITY_ALIASES)) {
  for (const raw of aliases) {
    const capitalisedOnly = raw.startsWith('!');
    const words = raw.replace(/^!/, '').toLowerCase().split(' ');
    const list = EXACT.get(words[0]) ?? [];
    list.push({ words, name, capitalisedOnly });
    EXACT.set(
      words[0],
      list.sort((a, b) => b.words.length - a.words.length),
    );
    if (!capitalisedOnly && words.length === 1 && /^[a-z]{6,}$/.test(words[0])) FUZZY.push({ alias: words[0], name });
  }
}

const TOKEN = /[A-Za-z][A-Za-z0-9]*(?:[.\-&][A-Za-z0-9]+)*(?:['’]s)?/g;
// Endings of ordinary English words: a two-edit near miss with one of these is a word, not a typo.
const ENGLISH_ENDING = /(?:ing|ed|ent|ant|ion|ers?|ly|est|ous|ive|al|ies|es|ity|ment|ness)$/;

/**
 * Named entities in `span`, resolved to canonical names through the alias table, typos included,
 * and companies the text itself introduces (introduced-names.ts).
 */
export function findEntities(text: string, span: Span): EntityMention[] {
  const tokens = tokensOf(text, span);
  const introduced = introducedIn(text);
  const found: EntityMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // Misspellings of names: "Openai", "Nvidea"; in lower case only one letter off ("openi"), so
    // ordinary words two letters from a name ("anywhere", "chatbot") and other names' words ("mistral") stay words.
    const hit =
      exactAt(text, tokens, i) ??
      fuzzyAt(tokens[i].word, /^[A-Z]/.test(tokens[i].word)) ??
      introducedAt(tokens, i, introduced);
    if (!hit) continue;
    const last = tokens[i + hit.length - 1];
    found.push({ start: tokens[i].start, end: last.start + last.word.length, name: hit.name });
    i += hit.length - 1;
  }
  return found;
}

type Token = { start: number; word: string };

const tokensOf = (text: string, span: Span): Token[] =>
  [...text.slice(span.start, span.end).matchAll(TOKEN)].map((m) => ({
    start: span.start + m.index,
    word: m[0].replace(/['’]s$/, ''),
  }));

/** The alias table's entity written as exactly `name` (typos included), else null. */
function knownName(name: string): string | null {
  const tokens = tokensOf(name, { start: 0, end: name.length });
  if (tokens.length === 0) return null;
  const hit = exactAt(name, tokens, 0) ?? (tokens.length === 1 ? fuzzyAt(tokens[0].word, true) : null);
  return hit && hit.length === tokens.length ? hit.name : null;
}

// The names a text introduces, for the few texts read at a time: a document is read sentence by
// sentence, with short subject strings (canonicalEntity) read in between, which must not evict it.
const introducedCache = new Map<string, IntroducedName[]>();
function introducedIn(text: string): IntroducedName[] {
  let names = introducedCache.get(text);
  if (!names) {
    names = introducedNames(text, knownName);
    if (introducedCache.size >= 16) introducedCache.delete(introducedCache.keys().next().value!);
    introducedCache.set(text, names);
  }
  return names;
}

function introducedAt(tokens: Token[], i: number, names: IntroducedName[]): { name: string; length: number } | null {
  if (!/^[A-Z]/.test(tokens[i].word)) return null;
  for (const n of names) {
    const run = tokens.slice(i, i + n.words.length);
    if (run.length === n.words.length && run.every((t, k) => t.word.toLowerCase() === n.words[k]))
      return { name: n.name, length: n.words.length };
  }
  return null;
}

function exactAt(text: string, tokens: Token[], i: number): { name: string; length: number } | null {
  for (const alias of EXACT.get(tokens[i].word.toLowerCase()) ?? []) {
    const n = alias.words.length;
    const run = tokens.slice(i, i + n);
    if (run.length < n || run.some((t, k) => t.word.toLowerCase() !== alias.words[k])) continue;
    // Multi-word aliases must be written as one phrase, one space apart.
    if (run.some((t, k) => k > 0 && t.start !== run[k - 1].start + run[k - 1].word.length + 1)) continue;
    if (alias.capitalisedOnly && !/^[A-Z]/.test(tokens[i].word)) continue;
    return { name: alias.name, length: n };
  }
  return null;
}

// Words repeat across a corpus; remember each word's fuzzy verdict (bounded).
const fuzzySeen = new Map<string, { name: string; length: number } | null>();

function fuzzyAt(word: string, capitalised: boolean): { name: string; length: number } | null {
  if (word.length < 5 || !/^[A-Za-z]+$/.test(word)) return null;
  const w = word.toLowerCase();
  if (!capitalised && EXACT.has(w)) return null;
  const key = `${capitalised ? 'C' : 'l'}${w}`;
  if (fuzzySeen.has(key)) return fuzzySeen.get(key)!;
  if (fuzzySeen.size > 50_000) fuzzySeen.clear();
  const hit = fuzzyMatch(w, capitalised ? 2 : 1);
  fuzzySeen.set(key, hit);
  return hit;
}

function fuzzyMatch(w: string, most: number): { name: string; length: number } | null {
  for (const { alias, name } of FUZZY) {
    if (alias[0] !== w[0]) continue;
    const d = editDistance(w, alias, 2);
    if (d <= 1 || (most >= 2 && d === 2 && alias.at(-1) === w.at(-1) && !ENGLISH_ENDING.test(w)))
      return { name, length: 1 };
  }
  return null;
}

// "Google said Gemini has …": the entity before a reporting verb is the source, not the subject.
const SPEAKER =
  /^['’]?s?\s+(?:\w+ly\s+)?(?:said|says|told|reported|reports|announced|estimated|estimates|disclosed|wrote|noted)\b/;

/**
 * The entity a figure is about: an owner written right before it ("ChatGPT's 600 million"), else
 * the first entity of its clause before it that is not only a source, else the first of the clause,
 * else of the sentence, else the subject carried over from the previous sentence.
 */
export function pickSubject(
  text: string,
  entities: EntityMention[],
  figure: Span,
  clause: Span,
  carry: string | null,
): string | null {
  // What a figure is compared with, named after it, is not what it is about.
  const all = entities.filter(
    (e) =>
      e.end <= figure.start ||
      (e.start >= figure.end &&
        !RIVAL_BEFORE.test(text.slice(Math.max(0, e.start - 60), e.start)) &&
        !SUPPLIED.test(text.slice(e.end, e.end + 40))),
  );
  // A place or a source ("downloads on Hugging Face", "according to Reuters") is not what a figure is about,
  // while anything else is named.
  const about = all.filter(
    (e) =>
      !VENUE_BEFORE.test(text.slice(Math.max(0, e.start - 16), e.start)) &&
      !isFormerEmployer(text, e) &&
      !isComparator(text, e, figure),
  );
  const others = about.length ? about : all.filter((e) => !isComparator(text, e, figure));
  const owner = others.find((e) => /^['’]s\s*$/.test(text.slice(e.end, figure.start)));
  if (owner) return owner.name;
  // "ahead of Microsoft (20%) and Google (13%)": a figure in brackets right after a name is that name's.
  const bracketed = others.find((e) =>
    /^\s*\(\s*(?:about|around|roughly|nearly|~)?\s*$/.test(text.slice(e.end, figure.start)),
  );
  if (bracketed) return bracketed.name;
  const inClause = others.filter((e) => e.start >= clause.start && e.end <= clause.end);
  const before = inClause.filter((e) => e.end <= figure.start);
  const subject = before.find((e) => !SPEAKER.test(text.slice(e.end, e.end + 30))) ?? before[0];
  const picked = (subject ?? inClause[0] ?? others.find((e) => e.end <= figure.start) ?? others[0])?.name ?? carry;
  // "Microsoft's Azure grew 39%": a business unit named after its parent is the more specific subject.
  return before.find((e) => picked !== null && PARENTS[e.name] === picked)?.name ?? picked;
}

const INVESTS = /\b(?:invest\w*|stake|backing|put|puts|pour\w*|pump\w*|commit\w*|inject\w*)\b/i;
// "values the French startup at €11.7 billion": the company the text is about.
const VALUES_THE =
  /\bvalu\w*\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,2}(?:startup|start-up|company|firm|lab|developer|maker|business)\b/i;
const ANAPHORIC_RECIPIENT =
  /\b(?:in|into)\s+(?:the|this|that)\s+(?:[\w-]+\s+)?(?:startup|start-up|company|firm|lab|developer|maker|business)\b/i;

// "The 34% growth rate outpaced both Amazon Web Services and Azure": what a figure is compared with is not what it is about.
const RIVAL_BEFORE =
  /\b(?:outpac\w+|outgrew|outperform\w*|beat|beating|than|versus|vs\.?|ahead of|behind|compared (?:with|to))\s+(?:(?:both|all|rivals?|peers?|the|its|larger|smaller|rival)\s+)*(?:(?:[\w.&'’-]+,?\s+){1,5}(?:and|or)\s+)?(?:[\w.&'’-]+\s+)?$/i;

// "10 gigawatts of power using Nvidia's advanced AI chips": a maker named after a figure for the
// hardware it is built with supplies it; the buyer is what the figure is about (extract.ts names the supplier).
const SUPPLIED =
  /^(?:['’]s)?\s+(?:(?:[\w-]+\s+){0,2})(?:chips?|gpus?|systems?|accelerators?|processors?|hardware|graphics\s+cards?|servers?|silicon|instinct|h[12]00s?|b[23]00s?|gb[23]00s?)\b/i;

/**
 * "Ilya Sutskever, former chief scientist of OpenAI, has raised $1 billion for Safe
 * Superintelligence", "ex-Google researchers": a company named as where a person used to work
 * is not what the figure is about.
 */
function isFormerEmployer(text: string, e: EntityMention): boolean {
  const before = text.slice(Math.max(0, e.start - 50), e.start);
  if (/\b(?:former|ex-)\s*$/i.test(before)) return true;
  return /\b(?:former|ex-)\s*(?:[\w-]+\s+){0,4}?(?:of|at|from)\s+$/i.test(before);
}

/**
 * A company named as another's rival is what the figure is measured against, not what it is
 * about: "Nvidia's rival reached $8.1 billion", "Samsung rival SK Hynix posted …", "exceeded its
 * bigger rival Samsung Electronics' forecast", "ChatGPT's Chinese counterpart, Ernie Bot, …".
 */
function isComparator(text: string, e: EntityMention, figure: Span): boolean {
  const after = text.slice(e.end, e.end + 40);
  if (
    /^(?:['’]s\s+(?:[\w-]+\s+)?|\s+)(?:rivals?|competitors?|challengers?|peers?|counterparts?|equivalents?|answer to)\b/i.test(
      after,
    )
  )
    return true;
  // "its rival Samsung": named after the figure, the rival is what it is compared with; before it, its own figures follow.
  return (
    e.start >= figure.end &&
    /\b(?:its|their|a|the|his|her)\s+(?:[\w-]+\s+){0,2}(?:rivals?|competitors?|peers?)\s+$/i.test(
      text.slice(Math.max(0, e.start - 50), e.start),
    )
  );
}

const VENUE_BEFORE = /\b(?:on|via|through|according to|per|reported by|citing|told)\s+(?:the\s+)?$/i;

// Who puts money in: "from X", "led by X", "backed by X", "investors including X", "X and Y".
const INVESTOR_BEFORE =
  /(?:\bfrom|\bby|\bincluding|\binvestors?(?: such as)?|\bparticipation from|\bwith|\bjoined by|\bsuch as)\s*(?:[\w.&'’-]+\s+){0,3}$/i;
const INVESTOR_AFTER =
  /^['’]?s?\s+(?:\w+ly\s+)?(?:(?:has|have|had|will|would|is|was|are|also)\s+(?:\w+ly\s+)?)?(?:invest(?:s|ed|ing)?|led|leads|co-led|backs|backed|poured|pours|pumps|pumped|pumping|put|puts|committed|commits|pledged|pledges|chipped in|contributed|participated|joined)\b/i;

/**
 * The recipient of a funding figure, never the investor: "Amazon invests $4 billion in Anthropic"
 * and "Anthropic raised $4 billion from Amazon" are both about Anthropic. When one investor's
 * money is meant (not a round's total), it is kept as a qualifier: "Anthropic (from Amazon)", a
 * figure apart from the round. Null when the sentence names no entity that is not investing.
 * With `valuation`, the company valued: the same recipient, without the investor.
 */
export function fundingSubject(
  text: string,
  entities: EntityMention[],
  sentence: Span,
  figure: Span,
  context: string | null = null,
  clause: Span = sentence,
  valuation = false,
): string | null {
  // "OpenAI has raised $13 billion, while another startup, Anthropic, has raised $7.3 billion": the figure's own clause first.
  const inClause = entities.filter((e) => e.start >= clause.start && e.end <= clause.end);
  const inSentence = inClause.length
    ? inClause
    : entities.filter((e) => e.start >= sentence.start && e.end <= sentence.end);
  const body = text.slice(sentence.start, sentence.end);
  const invests = INVESTS.test(body);
  const named = inSentence.find(
    (e) =>
      // "in Anthropic", "in Microsoft's OpenAI", "in tech giant Intel", "into AI startup Scale".
      /\b(?:in|into)\s+(?:the\s+)?(?:[\w-]+['’]s\s+|(?:[\w-]+\s+){1,3})?$/i.test(
        text.slice(Math.max(sentence.start, e.start - 40), e.start),
      ) && invests,
  );
  // "in OpenAI rival Anthropic", "in ChatGPT maker OpenAI": the name the noun phrase ends with.
  const into =
    named &&
    (inSentence.find(
      (e) => e.start > named.end && /^['’]?s?\s+(?:[a-z][\w-]*\s+){1,3}$/.test(text.slice(named.end, e.start)),
    ) ??
      named);
  const fromInvestor = (recipient: string, investor: string | undefined) =>
    investor && !valuation ? `${recipient} (from ${investor})` : recipient;
  // "OpenAI raised $6.6 billion, which could value the company at $157 billion"; "The round … values the French startup at €11.7 billion".
  if (!into && valuation && VALUES_THE.test(body)) {
    const opener = entities.find(
      (e) =>
        e.start >= sentence.start &&
        e.start <= sentence.start + 4 &&
        !INVESTOR_AFTER.test(text.slice(e.end, e.end + 30)),
    );
    if (opener || context) return opener?.name ?? context;
  }
  // "Microsoft, which has invested $13 billion in the startup": the company the text is about.
  const anaphoric =
    !into && context && invests && ANAPHORIC_RECIPIENT.test(body)
      ? inSentence.find((e) => e.name !== context && e.start < figure.start)
      : undefined;
  if (anaphoric) return fromInvestor(context!, anaphoric.name);
  if (into) {
    // The investor: the party that invests ("Amazon … invests", "Microsoft's … investment"), else
    // the entity the sentence opens with before the figure ("Amazon announced an additional $4 billion investment in Anthropic").
    const others = inSentence.filter((e) => e.name !== into.name && e.end <= into.start);
    const investor =
      others.find(
        (e) => INVESTOR_AFTER.test(text.slice(e.end, e.end + 30)) || /^['’]s\b/.test(text.slice(e.end, e.end + 2)),
      ) ?? others.find((e) => e.end <= figure.start);
    return fromInvestor(into.name, investor?.name);
  }
  const investor = (e: EntityMention) =>
    INVESTOR_BEFORE.test(text.slice(Math.max(sentence.start, e.start - 40), e.start)) ||
    INVESTOR_AFTER.test(text.slice(e.end, e.end + 30));
  const recipient = inSentence.find(
    (e) => !investor(e) && !isFormerEmployer(text, e) && !isComparator(text, e, figure),
  );
  // "It is backed by Nvidia and raised €600 million": only investors named, the money went to the company the text is about.
  if (!recipient)
    return context && inSentence.length > 0 && !inSentence.some((e) => e.name === context) ? context : null;
  // "raised $4 billion from Amazon": one investor named right after the figure.
  const from = /^[^.;]{0,25}?\bfrom\s+$/i;
  const single = inSentence.find(
    (e) => e !== recipient && e.start > figure.end && from.test(text.slice(figure.end, e.start)),
  );
  return fromInvestor(recipient.name, single?.name);
}
