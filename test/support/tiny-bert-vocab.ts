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

const MORE_ENGLISH = `
ability absence academy access accident account achievement acid activist actor actress adult advance advantage
adventure advertising advice affair agency agenda agreement aid aim aircraft airline airport alarm album alcohol
alliance ally amount analysis analyst ancestor angle anger animal anniversary answer anxiety apartment apology
appeal appearance application appointment approach approval architecture archive argument arrangement arrest
arrival article artist aspect assault assembly assessment asset assignment assistance association assumption
atmosphere attempt attitude attorney audience author authority award awareness background balance ball band
barrier base basis basket battle beach bean bed beef beer behavior belief benefit bird birth blood board boat
bond bone border bottle bottom boundary brain branch brand bread breakfast breath brother budget bug burden
cabinet cable calendar camera campaign campus cancer candidate capability capital captain carbon career cash
category cause celebration cell census century ceremony chain chair chairman challenge champion championship
chance channel chapter character charge charity chart check chemical chicken chief childhood choice church
circle citizen civilian claim clinic clock coach coast code coffee coin collapse colleague collection column
combination comfort command comment commitment committee communication comparison competition complaint
component concept concern concert conclusion condition conference confidence conflict confusion connection
consensus consequence conservative constitution construction consultant consumer contest contrast contribution
convention conversation conviction cook copy corner corporation correspondent corruption cotton council counter
country county courage course coverage crash crew crime crisis criterion critic criticism crop cross crowd
culture cup currency curriculum customer cycle damage dance danger date daughter deadline dealer debate debt
decade defeat defence defense deficit definition degree delay delivery democracy department departure deposit
depression description desert design desire desk destruction detail detective device diet dimension dinner
disaster discipline discount discovery discrimination discussion disease dispute distance distinction district
division document dollar domain dominance doubt draft drama dream dress drink driver duty earth earthquake edge
editor effect element elite emergency emotion emphasis empire employee employer encounter enemy engine entry
environment episode equipment equity error essay estate estimate ethics exam example exception exchange excitement
executive exercise exhibition existence exit expansion expectation expense expert explanation explosion exposure
expression extension extent factor factory failure faith fame family fan farm farmer fashion fate fault favor
fear feature fee feeling fiction fight finance finding finger firm fish flag flight floor flow flower focus folk
food football forecast forest formula fortune forum foundation frame framework freedom frequency fruit fuel
function fund funeral future gain gallery gap garage garden gas gate gender generation genre gift goal gold golf
governor grade grain grant grass gravity guard guest guidance guide guideline gun habit hall handful hardware
harm hat headline heat height hero highway hill historian hole holiday horizon horse hospital host hotel household
housing humor hunger husband ice identity illness imagination immigrant immigration impact implication importance
impression improvement incentive incident income increase independence index indication individual infrastructure
initiative injury inquiry insight inspection instance institute institution instruction instrument insurance
intention interaction interpretation intervention interview introduction invasion investigation investment
investor invitation island item jacket joke journal journalist journey judgment jury justice key killer kitchen
knee knife knowledge label labor ladder lake landscape lane language laptop launch lawyer layer leadership league
lecture legacy legislation leg lesson letter liability library license lie limit link lip list literature
loan location lock logic luck lunch machine magazine mail majority maker management manager manner manufacturer
map margin mark marketing marriage mass master match material meal meaning measure meat mechanism media medicine
meeting memory mention menu message metal method middle midnight mile milk minister minority miracle mission
mistake mixture mode moment monitor mood moon motion motor mountain mouth movement murder museum mystery myth
narrative negotiation neighbor neighborhood nerve network noise norm note notice notion novel nurse object
objective obligation observation occasion offense offer officer operation operator opinion opponent opportunity
opposition option order organ origin outcome output owner package page pain painting pair palace panel parent
parking participant partner passage passenger passion path pattern payment peace penalty pension percentage
perception period permission personality perspective phase philosophy photo photograph phrase physician pilot
pipe pitch plane planet plant plastic plate platform pleasure plot pocket poem poet poetry pole poll pollution
pool portion portrait post pot potato pound poverty powder prayer precision preference pregnancy preparation
presence presentation preservation press pressure pride priest principle print priority prison prisoner privacy
prize problem procedure producer production profession professor profile progress promise promotion proof
property proportion proposal prosecutor prospect protection protein protest province provision psychology
publication publisher punishment purchase purpose quality quantity quarterback queen quote race radio rain range
ranking ratio reaction reader reading reality recession recipe recognition recommendation recovery reduction
reference reflection reform refugee region relation release relief religion reputation request requirement
rescue reserve resident resistance resolution resort resource respect response responsibility rest restaurant
restriction retirement return review revolution reward rhythm rice rival river rock root rose routine rule
rumor safety salary sale salt sample satellite satisfaction savings scale scandal scenario scene schedule scheme
scholar scholarship science score screen script sea search secret secretary section sector segment selection
senator sensation sentence sequence series session settlement shadow shape share shelter shift ship shirt shock
shoe shop shot shoulder signal signature silence silver sister skill skin sky slave sleep slope smell smile snow
software soil soldier solution song soul sound soup speaker species speech speed spirit sport spot spread stability
staff stage stake standard statement station status stem stock stomach storm strategy strength stress strike
structure struggle student studio stuff style subject substance success sugar suicide suit summit sun supply
surface surgery surprise survey survival suspect symbol sympathy tale target task taste teaching technique
teenager telephone telescope television temperature tendency tennis tension term territory terror terrorism
terrorist text theater theme theory therapy thought threat ticket tip tissue title tobacco tone tongue tool tooth
topic tour tourist tournament trade tradition traffic tragedy trail transfer transformation transition
translation transportation trap travel treatment treaty trend trial tribe trick troop trouble truck trust
tube tune tunnel twin uncle union unit universe university vacation valley variable variation variety vegetable
vehicle venture version veteran victim victory video village violence virus vision visit visitor volume volunteer
vote voter wage wagon wealth weapon weather wedding weekend weight welfare wheel whole widow wind wine wing winner
wisdom witness wonder wood worry writer writing yard youth zone
accurate active additional afraid aggressive alive alternative amazing ancient angry annual anxious apparent
appropriate automatic average aware basic beautiful blind brief bright brilliant broad busy calm capable careful
cheap chemical civil classic clean clinical cognitive comfortable commercial competitive complete complex
comprehensive concerned confident conscious conservative considerable consistent constant constitutional
contemporary conventional cool corporate crazy creative criminal critical crucial cultural curious cute daily
dangerous dear decent deep defensive delicate dependent desperate detailed digital direct dirty distant
distinct diverse domestic dominant double dramatic dry due dynamic eager eastern educational effective efficient
elderly electric electronic elegant emotional empty endless enormous equal essential ethical ethnic eventual
evident evil exact excellent exciting exotic expensive experienced experimental explicit extensive external
extra extraordinary extreme fair familiar famous fantastic fast fat favorite fellow female fiscal flat flexible
former fresh friendly frozen fundamental funny gay generous genetic gentle giant glad golden gorgeous grand
grateful gray guilty handsome healthy heavy helpful hidden historic historical holy honest horrible hostile
huge ideal identical illegal immediate immune impossible impressive incredible independent indigenous
industrial inevitable informal initial inner innocent intellectual intense interesting internal invisible
involved isolated joint junior keen kind latest leading lean liberal light limited linear literary live lonely
loose loud lovely loyal lucky mad magic magnetic male marine mass massive mature meaningful mechanical mental
mere middle mild minimal minor mixed mobile moderate modest monthly moral multiple musical mutual naked narrow
nasty native negative nervous neutral nice noble normal notable novel nuclear numerous objective obvious odd
official ongoing operational opposite optimistic oral ordinary organic original outdoor outer overall pale
parallel parental partial particular passive patient peaceful perfect permanent persistent pink plain plastic
pleasant popular portable positive potential powerful practical precious precise pregnant preliminary premium
present presidential pretty previous primary prime principal prior productive professional profound prominent
promising proper proposed prospective proud provincial psychological pure quick quiet racial radical random
rapid rare rational raw realistic reasonable regional regular related relative relevant reliable remarkable
remote renewable representative republican residential resistant respective responsible rich rigid romantic
rough round royal rural sacred sad safe scientific secondary secret secure senior sensitive separate severe
sexual shallow sharp sheer shy sick silent silly similar slight slim slow smart smooth soft solar solid sophisticated
sorry sound southern spare specific spectacular spiritual stable standard steady steep sticky stiff straight
strange strategic strict structural stupid subsequent substantial subtle successful sudden sufficient suitable
super superior supreme surgical surprising suspicious sweet swift symbolic tall technical temporary terrible
thick thin tight tiny tough traditional tremendous tropical typical ugly ultimate unable uncertain unfair unique
universal unknown unlikely unusual upper urban urgent useful usual valuable vast verbal vertical violent virtual
visible visual vital vulnerable warm weak wealthy weekly weird welcome western wet wide wild willing wise wonderful
wooden worried worth written wrong yellow
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
    ...words(MORE_ENGLISH),
    ...words(AI_NEWS),
  ];
  const vocab = [...new Set(ordered)];
  for (let i = 0; vocab.length < size; i++) vocab.push(`[unused${i}]`);
  return vocab;
}

/** tokenizer.json in the Hugging Face `tokenizers` format, as BERT uncased models ship it. */
export function tokenizerJson(vocab: string[], maxLength: number): object {
  const id = (token: string) => vocab.indexOf(token);
  const special = (content: string) => ({
    id: id(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const token = (name: string) => ({ SpecialToken: { id: name, type_id: 0 } });
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: SPECIALS.map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
      pair: [
        token('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        token('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: maxLength,
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
}
