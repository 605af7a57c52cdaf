/**
 * The vocabulary and tokenizer files of the test BERT: a real WordPiece vocabulary (BERT's special
 * tokens, single characters, `##` suffix pieces, common English and AI-news words) so the real
 * tokenizer path of transformers.js runs, splitting unknown words into pieces as it would in production.
 */
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

const ENGLISH = `
the be to of and a in that have i it for not on with he as you do at this but his by from they we say
her she or an will my one all would there their what so up out if about who get which go me when make
can like time no just him know take people into year your good some could them see other than then now
look only come its over think also back after use two how our work first well way even new want because
any these give day most us is are was were been has had did said made went got came took saw knew thought
told found gave left felt seemed tried asked needed became kept began showed heard let meant set put ran
called moved lived believed brought happened wrote provided sat stood lost paid met included continued
learned changed led understood watched followed stopped created spoke read allowed added spent grew opened
walked won offered remembered loved considered appeared bought waited served died sent expected built stayed
fell cut reached killed remained suggested raised passed sold required reported decided pulled
man woman child world life hand part place case week company system program question government number night
point home water room mother area money story fact month lot right study book eye job word business issue
side kind head house service friend father power hour game line end member law car city community name
president team minute idea kid body information school face others level office door health person art war
history party result change morning reason research girl guy moment air teacher force education foot boy age
policy process music market sense nation plan college interest death experience effect class control care
field development role effort rate heart drug show leader light voice wife police mind price report decision
son view relationship town road arm difference value building action model season society tax director
position player record paper space ground form event official matter center couple site project activity star
table need court oil situation cost industry figure street image phone data picture practice piece land product
doctor wall patient worker news test movie north love support technology step baby computer type attention film
tree source organization hair window evidence population truth private security bank economy fire
large small great little old big high different long young important bad public able early late local
real best better sure free clear full special easy strong certain major possible whole hard likely past
political economic social national international military federal personal recent true simple human open low
short single final main current common poor natural significant similar hot dead central happy serious ready
left physical general environmental financial blue democratic dark various entire close legal religious cold
medical red green available private total modern black white top fine global foreign huge
very often still never here always really almost again however already both less quite rather enough
perhaps probably sometimes together actually later yet soon today ago far instead especially exactly nearly
sure across within without between under against during through before since until around among toward upon
should must might may shall cannot each every many much more few several such own same another those
something nothing everything anything someone everyone nobody where why while whether though although
yes no please thank hello sorry maybe okay
one two three four five six seven eight nine ten hundred thousand million billion trillion percent half
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december spring summer autumn winter yesterday tomorrow tonight
run walk talk speak write read play pay buy sell send build grow fall rise hold bring begin keep start
stop help show try call ask need feel become leave turn move live believe happen provide include continue
learn lead understand watch follow create allow add spend open win offer remember consider appear wait serve
die expect stay reach kill remain suggest raise pass require report decide pull explain hope develop carry
break receive agree hit produce eat cover catch draw choose cause point listen realize place close involve
increase deliver enter share prepare describe exist compare announce launch release train test deploy claim
reduce improve measure argue warn deny confirm respond invest raise hire fire sue ban approve regulate
`;

const AI_NEWS = `
ai artificial intelligence machine learning deep neural network networks model models language large llm llms
transformer transformers attention embedding embeddings token tokens tokenizer parameter parameters weights
training inference benchmark benchmarks dataset datasets gpu gpus tpu chip chips compute cluster datacenter
nvidia openai anthropic google deepmind meta microsoft amazon apple xai mistral cohere hugging face stability
gpt claude gemini llama grok copilot chatgpt bard midjourney sora dall whisper
startup startups funding round valuation investors venture capital raised series seed ipo acquisition merger
revenue profit loss quarter quarterly earnings shares stock billion valuation deal partnership contract
regulation regulators safety alignment risk risks policy act law bill senate congress eu commission lawsuit
copyright lawsuit court ruling judge privacy bias fairness transparency open source closed license
agent agents agentic reasoning multimodal vision speech robotics robot robots autonomous self driving
chatbot chatbots assistant assistants prompt prompts context window fine tuning rlhf reinforcement
release released launch launched announced announces unveiled unveils update version preview beta api
researchers research paper papers lab labs scientist scientists engineer engineers ceo cto founder executive
employees layoffs hiring talent billion trillion percent growth users customers enterprise cloud server
servers energy power electricity data center centers semiconductor semiconductors export controls china
taiwan tsmc intel amd arm qualcomm samsung broadcom supply shortage demand capacity
accuracy performance latency throughput efficiency cost costs price pricing subscription free paid
hallucination hallucinations misinformation deepfake deepfakes election elections security cyber attack
jobs automation productivity economy workers workforce education students healthcare medical diagnosis
`;

/** Suffix pieces as BERT's vocabulary has them; WordPiece glues them to a known prefix. */
const SUFFIXES = `s es ed d ing ly er ers est tion tions ment ments ness able ible al ial ic ical ive ous ful less
ism ist ists ity ize ized izes ization en ens y ies ier iest ship hood ward wards like ance ence ant ent`;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PUNCTUATION = `.,;:!?'"()[]{}-–—_/\\@#$%&*+=<>|~^\``;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * The vocabulary in id order: specials first (ids 0-4, so `[PAD]` is 0), then characters, pieces
 * and words; padded with `[unusedN]` up to `size` as BERT's own vocabulary is.
 */
export function buildVocab(size = 0): string[] {
  const chars = [...LETTERS, ...PUNCTUATION];
  const pairs = [...LETTERS.slice(0, 26)].flatMap((a) => [...LETTERS.slice(0, 26)].map((b) => `##${a}${b}`));
  const ordered = [
    ...SPECIALS,
    ...chars,
    ...chars.map((c) => `##${c}`),
    ...words(SUFFIXES).map((s) => `##${s}`),
    ...pairs,
    ...words(ENGLISH),
    ...words(AI_NEWS),
  ];
  const vocab = [...new Set(ordered)];
  for (let i = 0; vocab.length < size; i++) vocab.push(`[unused${i}]`);
  return vocab;
}

/** tokenizer.json in the Hugging Face `tokenizers` format, as BERT uncased models ship it. */
export function tokenizerJson(vocab: string[], maxLength: number): object {
  const id = (token: string) => vocab.indexOf(token);
  const special = (content: string) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const token = (name: string) => ({ SpecialToken: { id: name, type_id: 0 } });
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: SPECIALS.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
      pair: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: maxLength,
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
  };
}
