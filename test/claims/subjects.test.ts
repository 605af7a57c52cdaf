import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import { editDistance } from '../../src/claims/extract/fuzzy.ts';
import { findEntities } from '../../src/claims/extract/subjects.ts';

const names = (text: string) => findEntities(text, { start: 0, end: text.length }).map((e) => e.name);

describe('entity aliases', () => {
  it.each([
    ['Openai announced a deal.', 'OpenAI'],
    ['a model from a company like openi is better', 'OpenAI'],
    ['Outenai and other US Tech companies', 'OpenAI'],
    ['as seen with Deepseek in January', 'DeepSeek'],
    ['Antropic trained a new model', 'Anthropic'],
    ['Nvida shipped more chips', 'Nvidia'],
    ['Alphabet lifted its budget', 'Google'],
    ['Amazon Web Services grew', 'AWS'],
    ["Microsoft's cloud", 'Microsoft'],
    ['the Hugging Face hub', 'Hugging Face'],
  ])('when the text says "%s", then the entity is %s', (text, name) => {
    expect(names(text)).toContain(name);
  });

  it('when a common word resembles an alias, then it is not an entity', () => {
    expect(names('The tenant opened a meta analysis of apple orchards with an arm.')).toEqual([]);
    expect(names('Data from the beta; the oracle said they may cohere.')).toEqual([]);
  });

  it('when an alias needs a capital ("Meta"), then only the capitalised form matches', () => {
    expect(names('Meta and Apple spent more.')).toEqual(['Meta', 'Apple']);
  });

  it('when two words are one edit apart, then the distance is 1; when far apart, it gives up above the limit', () => {
    expect(editDistance('openi', 'openai', 2)).toBe(1);
    expect(editDistance('openia', 'openai', 2)).toBe(1);
    expect(editDistance('microsoft', 'anthropic', 2)).toBe(3);
  });
});

describe('subjects of figures', () => {
  it('when a company owns the figure, then the subject is its canonical name', () => {
    expect(extractClaims("Openai's revenue hit $3.7 billion.")[0].subject).toBe('OpenAI');
  });

  it('when a company reports about its product, then the product is the subject, and an owner before a figure wins', () => {
    const claims = extractClaims('Google said Gemini has 350 million monthly users, behind ChatGPT’s 600 million.');
    // "monthly" users are a figure of their own (weekly and monthly users never compare).
    expect(claims.map((c) => c.subject)).toEqual(['Gemini (monthly)', 'ChatGPT']);
  });

  it('when "respectively" pairs companies with figures, then each figure gets its company', () => {
    const claims = extractClaims('Microsoft and Alphabet spent $56 billion and $52 billion, respectively.');
    expect(claims.map((c) => c.subject)).toEqual(['Microsoft', 'Google']);
  });

  it('when the next sentence names no one, then the previous subject carries over', () => {
    const claims = extractClaims('Nvidia reported record results. Revenue rose 94% to $35 billion.');
    expect(claims.map((c) => c.subject)).toEqual(['Nvidia', 'Nvidia']);
  });

  it('when a new paragraph starts, then the subject does not carry over', () => {
    const claims = extractClaims('Nvidia reported record results.\nRevenue in the sector rose 5%.');
    expect(claims[0].subject).toBeNull();
  });

  it('when a later paragraph points back with "the company", then the earlier subject carries over', () => {
    const claims = extractClaims('Alphabet posted strong results.\nThe company has 1.5 billion monthly users.');
    expect(claims[0].subject).toBe('Google (monthly)');
  });

  it('when a table row is read, then the subject is its first cell', () => {
    const row = '| Company | Valuation |\n| Anthropic (Series E) | $61.5B |';
    expect(extractClaims(row, { kind: 'table_row' })[0].subject).toBe('Anthropic (Series E)');
  });

  it('when an ordinary word is two letters from a name ("anywhere", "chatbot") or is another name\'s word ("mistral"), then it is no entity; a misspelt name still is', () => {
    const names = (t: string) => findEntities(t, { start: 0, end: t.length }).map((e) => e.name);
    expect(names('You can run it anywhere for $5.')).toEqual([]);
    expect(names('The chatbot has 10 million users.')).toEqual([]);
    expect(names('the mistral wind blew')).toEqual([]);
    expect(names('Openai and Nvidea, and a company like openi')).toEqual(['OpenAI', 'Nvidia', 'OpenAI']);
  });

  it('when a figure is counted on a platform or reported by a source ("on Hugging Face", "according to Bloomberg"), then the platform or source is not its subject', () => {
    expect(extractClaims('Llama 3 has 1 million downloads on Hugging Face.').map((c) => c.subject)).toEqual(['Llama']);
    expect(extractClaims('Hugging Face raised $235 million.').map((c) => c.subject)).toEqual(['Hugging Face']);
  });

  it('when money goes "in OpenAI rival Anthropic" or "in the startup", then the company receiving it is the subject, the investor its qualifier', () => {
    const subjects = (text: string, title?: string) =>
      extractClaims(text, { title })
        .filter((c) => c.metric === 'funding')
        .map((c) => c.subject);
    expect(
      subjects(
        'Amazon is doubling down on its investment in OpenAI competitor Anthropic, bringing its total investment to $8 billion.',
      ),
    ).toEqual(['Anthropic (from Amazon, total)']);
    expect(
      subjects(
        'Other backers include Microsoft Corp., which has already invested $13 billion in the startup.',
        'OpenAI raises $6.6 billion',
      ),
    ).toEqual(['OpenAI (from Microsoft)']);
  });

  it('when an investor is "pouring" money into a company, then it is that company\'s funding; a "total stake in" it is the total', () => {
    const [poured] = extractClaims('Amazon is pouring another $4 billion into Anthropic.');
    expect([poured.subject, poured.metric]).toEqual(['Anthropic (from Amazon)', 'funding']);
    const [total] = extractClaims('Amazon invested again, lifting its total stake in Anthropic to $8 billion.');
    expect([total.subject, total.metric]).toEqual(['Anthropic (from Amazon, total)', 'funding']);
    // Pouring money into data centres is spending, not funding.
    expect(extractClaims('Microsoft is pouring $80 billion into data centers this year.')[0].metric).toBe('capex');
  });

  it('when a company is named by its chief executive ("the Sam Altman company", "Zuckerberg said"), then the figure is the company\'s', () => {
    expect(
      extractClaims('The Sam Altman company is on pace to generate $3.6 billion in revenue this year.')[0].subject,
    ).toBe('OpenAI');
    expect(extractClaims('Zuckerberg said the company will have 350,000 GPUs by the end of the year.')[0].subject).toBe(
      'Meta',
    );
  });

  it("when a founder is introduced by a former employer, then the money is the new company's, not the former employer's", () => {
    const subject = (text: string) => extractClaims(text)[0].subject;
    expect(
      subject(
        'Ilya Sutskever, co-founder and former chief scientist of OpenAI, has raised USD 1 billion for his new venture, Safe Superintelligence (SSI).',
      ),
    ).toBe('Safe Superintelligence');
    expect(subject('Former OpenAI co-founder Ilya Sutskever raised $1 billion for his new AI firm, SSI.')).toBe(
      'Safe Superintelligence',
    );
    // A company named with its current officer is still the subject.
    expect(subject('OpenAI CEO Sam Altman said revenue hit $3.6 billion.')).toBe('OpenAI');
  });

  it('when two companies raise money in one sentence, then each figure takes the company of its own clause', () => {
    const text =
      'OpenAI has raised about $13 billion from Microsoft, while another California startup, Anthropic, has raised more than $7.3 billion.';
    expect(extractClaims(text).map((c) => c.subject)).toEqual(['OpenAI (from Microsoft)', 'Anthropic']);
  });

  it('when a headline is all lower case (a URL slug, a forum title), then a name that needs a capital elsewhere is still found there', () => {
    expect(
      extractClaims('Capex reached $28 billion in the quarter.', {
        title: 'amazon hits record 28 billion quarterly capex',
      })[0].subject,
    ).toBe('Amazon');
    expect(
      extractClaims('Capex reached $28 billion in the quarter.', { title: 'Analysts on the amazon of data' })[0]
        .subject,
    ).not.toBe('Amazon');
  });

  it('when GPUs are counted with their maker named after the number, then the holder is the subject, not the chip maker', () => {
    const subjects = (text: string, title?: string) => extractClaims(text, { title }).map((c) => c.subject);
    expect(
      subjects('Meta said its infrastructure will include 350,000 H100 graphics cards from Nvidia by the end of 2024.'),
    ).toEqual(['Meta']);
    expect(
      subjects(
        'The cluster housed 100,000 Nvidia H100 GPUs on a single fabric.',
        'Musk’s Colossus is fully operational',
      ),
    ).toEqual(['xAI']);
    // The maker counting its own shipments stays the subject.
    expect(subjects('Nvidia shipped 3.76 million data-center GPUs in 2023.')).toEqual(['Nvidia']);
  });

  it("when a lab's capacity is built with a supplier's systems, then the supplier is the deal's other party, whoever is named first", () => {
    const subjects = (text: string) =>
      extractClaims(text)
        .filter((c) => c.metric === 'power')
        .map((c) => c.subject);
    expect(subjects('OpenAI will deploy 6 gigawatts of AMD Instinct GPUs over multiple years.')).toEqual([
      'OpenAI (with AMD)',
    ]);
    expect(
      subjects(
        'The investment helps OpenAI build data centers with 10 gigawatts of power using Nvidia’s advanced AI chips.',
      ),
    ).toEqual(['OpenAI (with Nvidia)']);
    // The supplier named after the figure is never the subject, even where the buyer comes after it.
    expect(
      subjects("The 10-gigawatt buildout will require millions of NVIDIA GPUs to run OpenAI's next-generation models."),
    ).toEqual(['OpenAI (with Nvidia)']);
  });

  it('when revenue is what analysts expected, then it is a forecast, apart from the revenue reported', () => {
    const subjects = extractClaims(
      'Nvidia reported revenue of $46.7 billion, just short of the $47 billion analysts had expected.',
    ).map((c) => c.subject);
    expect(subjects).toEqual(['Nvidia', 'Nvidia (forecast)']);
    expect(extractClaims('Nvidia reported revenue of $46.7 billion, as expected.')[0].subject).toBe('Nvidia');
  });

  it("when GPUs are counted in another chip's equivalents, then that is another count than the GPUs themselves", () => {
    const counts = extractClaims(
      'Meta aims to have 350,000 Nvidia H100 GPUs and almost 600,000 H100 compute equivalent GPUs by the end of this year.',
    ).map((c) => [c.subject, c.period]);
    expect(counts).toEqual([
      ['Meta', 'this year end'],
      ['Meta (equivalents)', 'this year end'],
    ]);
    expect(extractClaims('Meta will have performance equivalent to 600,000 Nvidia H100 GPUs.')[0].subject).toBe(
      'Meta (equivalents)',
    );
  });

  it('when a business unit is described in an appositive ("Google Cloud, the enterprise business that …"), then that names no segment', () => {
    expect(
      extractClaims(
        'Google Cloud, the enterprise business that provides AI infrastructure, reported quarterly revenue of $20.03 billion.',
      )[0].subject,
    ).toBe('Google Cloud');
  });

  it("when a business unit's growth names no measure, then it is revenue growth; a company's stays unnamed", () => {
    expect(extractClaims('Azure growth for the quarter came in at 62%.')[0].metric).toBe('revenue_growth');
    expect(extractClaims('AWS is re-accelerating to 20.2% YoY.')[0].metric).toBe('revenue_growth');
    expect(extractClaims('Microsoft growth for the quarter came in at 12%.')[0].metric).toBe('other');
    // The amount a unit grew to is its revenue; a named measure stays that measure.
    const [, grewTo] = extractClaims('Google Cloud surged 63 percent to $20.03 billion.');
    expect([grewTo.subject, grewTo.metric]).toEqual(['Google Cloud', 'revenue']);
    expect(extractClaims("Google Cloud's operating income rose 85% to $3.6 billion.")[1].metric).toBe('other');
    expect(extractClaims('AWS backlog grew 20% to $200 billion.')[1].metric).toBe('other');
  });

  it('when a segment is written as one word ("datacenter unit"), then it is the same segment as "data center"', () => {
    expect(extractClaims('Nvidia’s datacenter unit generated $35.6 billion in sales.')[0].subject).toBe(
      'Nvidia (data center)',
    );
    expect(
      extractClaims(
        'Demand for Nvidia’s Data Center products, which brought in $41.1 billion in sales, drove the quarter.',
      )[0].subject,
    ).toBe('Nvidia (data center)');
  });

  it('when a segment is named as the cause of a total\'s move ("led by growth in the data center business"), then the total is not that segment\'s', () => {
    const claims = extractClaims(
      'Nvidia revenue increased by 50% year over year to $3.86 billion, led by triple-digit growth in the data center business.',
    );
    expect(claims.find((c) => c.value === 3.86e9)!.subject).toBe('Nvidia');
    expect(
      extractClaims('Revenue from its data center business was $26.3 billion.', { title: 'Nvidia results' })[0].subject,
    ).toBe('Nvidia (data center)');
  });

  it('when a measure word opens the next item of a list ("… to $29.3 billion and operating income rising 22%"), then it does not name the figure before it', () => {
    const claims = extractClaims(
      'AWS net sales rose 17% to $29.3 billion and operating income rose 22% to $11.5 billion.',
    );
    expect(claims.find((c) => c.value === 11.5e9)!.subject).toBe('AWS (profit)');
    expect(claims.find((c) => c.value === 29.3e9)!.subject).not.toContain('profit');
    expect(extractClaims('TSMC reported NT$452 billion in net income.')[0].subject).toBe('TSMC (profit)');
  });

  it("when a price or a spec is stated of a chip, then it is that chip's, named after its maker, so two chips' prices never contradict", () => {
    const subjects = (text: string) => extractClaims(text).map((c) => c.subject);
    expect(subjects('Nvidia’s B200 sells for $40,000, while the H100 goes for $25,000.')).toEqual([
      'Nvidia (B200)',
      'Nvidia (H100)',
    ]);
    expect(subjects('Renting an H100 now costs about $2 per hour.')).toEqual(['Nvidia (H100)']);
    expect(subjects('AMD MI300X carries 192GB of HBM3.')).toEqual(['AMD (MI300X)']);
    // A count of chips is the buyer's, and a company's own figure stays the company's.
    expect(subjects('xAI runs 100,000 H100s in Memphis.')).toEqual(['xAI']);
    expect(subjects('Microsoft said the H100 cluster cost $1 billion.')[0]).toBe('Microsoft');
  });

  it('when a sentence opens on the segment the previous one gave revenue for ("The segment grew 56%"), then its figures are that segment\'s', () => {
    const subjects = (text: string) => extractClaims(text, { title: 'Nvidia results' }).map((c) => c.subject);
    expect(subjects('Nvidia’s data center revenue was $41.1 billion. The segment grew 56% from a year ago.')).toEqual([
      'Nvidia (data center)',
      'Nvidia (data center)',
    ]);
    // A sentence naming the company's total is the company's.
    expect(
      subjects('Nvidia’s data center revenue was $41.1 billion. Nvidia revenue grew 56% from a year ago.'),
    ).toEqual(['Nvidia (data center)', 'Nvidia']);
  });

  it('when money raised is said to be all of it so far ("to date", "a total of", "bringing total funding to"), then it is the total, apart from any round', () => {
    const subjects = (text: string, title = '') => extractClaims(text, { title }).map((c) => c.subject);
    expect(subjects('It has raised $8.6 billion to date.', 'Databricks to raise $10 billion')).toEqual([
      'Databricks (total)',
    ]);
    expect(subjects('Cohere raised $500 million, bringing total funding to $970 million.')).toEqual([
      'Cohere',
      'Cohere (total)',
    ]);
    expect(subjects('Databricks raised $10 billion in a Series J round.')).toEqual(['Databricks']);
  });

  it('when a figure is compared with rivals named after it ("outpaced AWS and Azure"), then no rival is its subject', () => {
    const [c] = extractClaims(
      'The 34 percent growth rate outpaced both Amazon Web Services and Microsoft Azure in the most recent quarter.',
      { title: 'Google Cloud revenue jumps' },
    );
    expect(c.subject).toBe('Google Cloud');
    expect(extractClaims('Nvidia revenue grew 50%, ahead of AMD.')[0].subject).toBe('Nvidia');
  });

  it("when a business unit's capex is given, then it is the parent's capex; its revenue stays the unit's", () => {
    expect(extractClaims("Microsoft's Azure capex was $37.5B in Q2.")[0].subject).toBe('Microsoft');
    expect(extractClaims('Azure revenue grew 39% in Q2.')[0].subject).toBe('Azure');
  });

  it('when a count is named by GPUs away from its number ("3.76 million units", "350,000 of these GPUs"), then it is a GPU count', () => {
    const [shipments] = extractClaims('Nvidia’s data-center GPU shipments reached 3.76 million units in 2023.');
    expect(shipments).toMatchObject({ subject: 'Nvidia', metric: 'gpu_count', unit: 'GPUs', value: 3.76e6 });
    expect(extractClaims('By end of 2024, Meta aims to have 350,000 of these GPUs.')[0]).toMatchObject({
      metric: 'gpu_count',
      unit: 'GPUs',
    });
  });

  it("when an investor values the company it invests in, then the valuation is the company's, in dollars or in euros", () => {
    const valued = (text: string, title?: string) =>
      extractClaims(text, { title })
        .filter((c) => c.metric === 'valuation' || /valuation/.test(c.subject ?? ''))
        .map((c) => c.subject);
    expect(
      valued(
        'ASML is pumping $1.5 billion into France’s Mistral AI, leading a round valuing the Paris-based startup at nearly $14 billion.',
      ),
    ).toEqual(['Mistral AI']);
    expect(valued('ASML will invest €1.3 billion in Mistral AI at a valuation of €11.7 billion.')).toEqual([
      'Mistral AI (valuation)',
    ]);
    expect(
      valued(
        'OpenAI raised $6.6 billion from investors which could value the company at $157 billion.',
        'microsoft and nvidia back openai',
      ),
    ).toEqual(['OpenAI']);
  });

  it("when a company is backed by an investor and raised money, then the money is the company's even if only the investor is named", () => {
    // Money in euros is measured as "other", named by its measure word.
    expect(
      extractClaims('It is already backed by Nvidia and raised €600 million in 2024.', {
        title: 'Mistral AI raises again',
      })[0].subject,
    ).toBe('Mistral AI (funding)');
  });

  it('when a contract or deal is "valued at" an amount, then that is no company valuation', () => {
    const [c] = extractClaims(
      'The deal is part of a broader cloud contract with Oracle valued at $30 billion per year.',
    );
    expect(c.metric).not.toBe('valuation');
  });

  it('when a figure stands in brackets right after a name ("ahead of Microsoft (20%) and Google (13%)"), then it is that name\'s', () => {
    const subjects = extractClaims('AWS holds a 30% share, ahead of Microsoft (20%) and Google (13%).').map(
      (c) => c.subject,
    );
    expect(subjects).toEqual(['AWS', 'Microsoft', 'Google']);
  });

  it('when a headline names a company by its ticker ("goog stock earnings"), then the company is found', () => {
    expect(
      extractClaims('Cloud revenue rose 28% in the quarter.', {
        title: 'goog stock earnings q3 cloud growth slowing',
      })[0].subject,
    ).toMatch(/^Google/);
    expect(
      extractClaims('AI revenue hit $5.2 billion in the quarter.', { title: 'AVGO earnings beat' })[0].subject,
    ).toMatch(/^Broadcom/);
  });

  it('when a company the alias table does not know is introduced ("cloud provider Lambda", "Avride, an autonomous-driving startup"), then it is the subject wherever the text names it', () => {
    const claims = extractClaims(
      'GPU cloud provider Lambda said it raised $1.5 billion, led by an investment firm. Avride, an autonomous-driving startup, took $375 million from Uber.',
    );
    expect(claims.map((c) => c.subject)).toEqual(['Lambda', 'Avride (from Uber)']);
    // A known entity written without its usual suffix is that entity.
    expect(extractClaims('Meta invested $14 billion in AI startup Scale.')[0].subject).toBe('Scale AI (from Meta)');
  });

  it('when an analyst, investor or interjection is introduced like a company ("research firm Gartner", "Well, the company …"), then it names no entity', () => {
    expect(names('Research firm Gartner put the market at $5 billion, said investment firm Carlyle.')).toEqual([]);
    expect(names('Well, the company raised $1 billion.')).toEqual([]);
  });

  it('when a company is named as another\'s rival, then the figure is not the rival\'s ("Nvidia\'s rival", "its bigger rival Samsung")', () => {
    const claims = extractClaims(
      'Cerebras raised $1 billion. That is triple the $8 billion valuation that Nvidia’s rival reached in the spring.',
    );
    expect(claims.map((c) => c.subject)).toEqual(['Cerebras', 'Cerebras']);
    const profit = extractClaims(
      "The chipmaker's quarterly operating profit of 8 trillion won beat its bigger rival Samsung Electronics' forecast profit of 6 trillion won.",
      { title: 'SK Hynix posts record quarterly profit' },
    );
    expect(profit.map((c) => c.subject?.replace(/\s*\(.*$/, ''))).toEqual(['SK Hynix', 'Samsung']);
  });

  it("when a product is introduced as another's counterpart (\"ChatGPT's Chinese counterpart, Baidu's Ernie Bot\"), then the figure is not the counterpart's", () => {
    expect(extractClaims("ChatGPT's Chinese counterpart, Baidu's chatbot, has 200 million users.")[0].subject).toBe(
      'Baidu',
    );
  });

  it('when a phrase naming a time opens the sentence ("The fourth quarter alone saw …"), then it is no subject', () => {
    expect(extractClaims('The fourth quarter alone saw revenues climb 46 percent to $11 billion.')[0].subject).toBe(
      null,
    );
  });

  it('when a deal is "worth" or "valued at" an amount, then that is the deal\'s value with the other party, not a valuation', () => {
    const [worth] = extractClaims(
      'Nebius said the contract was worth $17.4bn over five years, and it could grow if Microsoft needs more.',
    );
    expect(worth).toMatchObject({ metric: 'other', subject: 'Nebius (with Microsoft)' });
    const [valued] = extractClaims(
      'Microsoft signed a five-year agreement with Nebius for capacity valued at $17.4 billion.',
    );
    expect(valued).toMatchObject({ metric: 'other', subject: 'Microsoft (with Nebius)' });
    // A company valued stays a valuation.
    expect(extractClaims('The round values Anthropic at $61.5 billion.')[0].metric).toBe('valuation');
  });

  it('when an amount is what a quantity moved by ("raised its forecast by $15 billion to $50 billion", "capex rose $6 billion"), then it is a change apart from the level', () => {
    const claims = extractClaims('Oracle raised its fiscal 2026 capex forecast by $15 billion to $50 billion.');
    expect(claims.map((c) => [c.value, c.subject])).toEqual([
      [15e9, 'Oracle (change)'],
      [50e9, 'Oracle'],
    ]);
    expect(extractClaims('Microsoft capex rose $6 billion from the prior quarter.')[0].subject).toBe(
      'Microsoft (change)',
    );
    // Not a move: "powered by", "an additional $4 billion".
    expect(extractClaims('xAI was powered by 100,000 Nvidia GPUs.')[0].subject).toBe('xAI');
    expect(extractClaims('Amazon made an additional $4 billion investment in Anthropic.')[0].subject).toBe(
      'Anthropic (from Amazon)',
    );
  });

  it('when a line is labelled ("Operating profit: 9 trillion won"), then the label names the figure', () => {
    const claims = extractClaims('- Revenue: 22 trillion won vs. 20 trillion won\n- Operating profit: 9 trillion won', {
      title: 'SK Hynix second quarter earnings',
    });
    expect(claims.map((c) => c.subject)).toEqual(['SK Hynix (revenue)', 'SK Hynix (revenue)', 'SK Hynix (profit)']);
    expect(claims[2].period).toBe('Q2');
  });

  it('when a head noun names another quantity ("a record backlog of $523 billion", "an increase of $15 billion"), then it is not the capex the sentence speaks of', () => {
    const claims = extractClaims(
      'Oracle raised its fiscal 2026 capex to $50 billion, an increase of nearly $15 billion, to serve a record backlog of $523 billion.',
    );
    expect(claims.map((c) => [c.subject, c.metric])).toEqual([
      ['Oracle', 'capex'],
      ['Oracle (change)', 'capex'],
      ['Oracle (backlog)', 'other'],
    ]);
  });

  it('when a sentence opens on a segment with no figure and the next states revenue bare ("Revenue rose …"), then that revenue is the segment\'s; a total stays the company\'s', () => {
    const [growth, revenue] = extractClaims(
      "The data center segment, home to AMD's server chips, was the star. Revenue rose 69% to $3.9 billion in the fourth quarter.",
    );
    expect([growth.subject, revenue.subject]).toEqual(['AMD (data center)', 'AMD (data center)']);
    const total = extractClaims('AMD said the data center segment was strong. Total revenue rose 24% to $7.7 billion.');
    expect(total.map((c) => c.subject)).toEqual(['AMD', 'AMD']);
  });
});
