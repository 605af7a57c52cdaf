import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import { asOfDate, describeTimeKey, resolveTime, timeKey } from '../../src/claims/time.ts';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const key = (period: string | null, when: string, entity: string | null = null) =>
  timeKey(resolveTime(period, { statedAt: at(when), entity }));

describe('time anchoring', () => {
  it('when a fiscal quarter of a known company is named, then it resolves to its calendar months', () => {
    expect(key('Q2 FY2025', '2024-08-28', 'Nvidia')).toBe('2024-05..2024-07');
    expect(key('Q1 FY2026', '2025-10-29', 'Microsoft')).toBe('2025-07..2025-09');
    expect(key('FY2025', '2025-01-03', 'Oracle')).toBe('2024-06..2025-05');
  });

  it('when the company is unknown, then a fiscal year is read as the calendar year, and says so', () => {
    const t = resolveTime('FY2025', { statedAt: at('2025-01-03'), entity: 'Acme' });
    expect(timeKey(t)).toBe('2025-01..2025-12');
    expect(t.kind === 'interval' && t.fiscal).toBe('unknown');
  });

  it('when a period is relative, then it resolves against the statement time', () => {
    expect(key('this year', '2024-05-01')).toBe('2024-01..2024-12');
    expect(key('last year', '2024-05-01')).toBe('2023-01..2023-12');
    expect(key('next year', '2024-05-01')).toBe('2025-01..2025-12');
    expect(key('so far this year', '2025-06-10')).toBe('2025-01..2025-06');
    expect(key('in the past 12 months', '2025-06-10')).toBe('2024-07..2025-06');
    expect(key('now', '2025-06-10')).toBe('@2025-06-10');
    // A results story's "the quarter" is the last one completed; "the previous quarter" the one before.
    expect(key('the quarter', '2024-10-30', 'Alphabet')).toBe('2024-07..2024-09');
    expect(key('the previous quarter', '2024-10-30', 'Alphabet')).toBe('2024-04..2024-06');
    expect(key('this fiscal year', '2025-01-03', 'Microsoft')).toBe('2024-07..2025-06');
  });

  it('when a bare year of a company with a fiscal calendar is not over yet but its fiscal year is, then it is the fiscal year', () => {
    // Said a month after Microsoft's fiscal 2025 closed (June): calendar 2025 has five months to run.
    expect(key('2025', '2025-07-31', 'Microsoft')).toBe('2024-07..2025-06');
    // Once the calendar year is over, or for a calendar-year company, or long after: the calendar year as written.
    expect(key('2024', '2025-02-05', 'Microsoft')).toBe('2024-01..2024-12');
    expect(key('2025', '2025-07-31', 'Alphabet')).toBe('2025-01..2025-12');
    expect(key('2026', '2025-07-31', 'Microsoft')).toBe('2026-01..2026-12');
  });

  it('when a bare quarter is named, then it is the latest such quarter that had ended', () => {
    expect(key('Q3', '2024-11-20', 'Nvidia')).toBe('2024-08..2024-10');
    expect(key('Q3', '2024-10-29')).toBe('2024-07..2024-09');
  });

  it('when a quarter is named by the month it ended or by its months, then it is those three months', () => {
    expect(extractClaims('TSMC saw July-September net profit rise to T$452.3 billion.')[0]?.period).toBe(
      'july to september',
    );
    // A possessive time right before a value is its own; an explicit year says which "full year".
    expect(
      extractClaims("Amazon projects $125 billion for 2025, more than doubling 2024's $83 billion.").map(
        (c) => c.period,
      ),
    ).toEqual(['2025', '2025', '2024']);
    expect(extractClaims("Capex fell $6.6B from Q2's $37.5B.").at(-1)?.period).toBe('Q2');
    expect(extractClaims('It set a $125 billion full-year capex projection for 2025.')[0]?.period).toBe('2025');
    expect(key('3 months to july', '2020-08-20')).toBe('2020-05..2020-07');
    expect(key('july to september', '2025-11-20')).toBe('2025-07..2025-09');
    expect(key('June quarter', '2025-08-01')).toBe('2025-04..2025-06');
    // "the quarter ending in September", "December-quarter profit".
    expect(extractClaims('It expects revenue of $12 billion for the quarter ending in September.')[0]?.period).toBe(
      '3 months to september',
    );
    expect(extractClaims('It forecast December-quarter revenue of $6 billion.')[0]?.period).toBe(
      '3 months to december',
    );
  });

  it('when "Q4 2025" of a fiscal-year company is said before that calendar quarter began, then it is the fiscal quarter', () => {
    expect(key('Q4 2025', '2025-02-26', 'Nvidia')).toBe('2024-11..2025-01');
    expect(key('Q4 2025', '2025-02-26', 'Alphabet')).toBe('2025-10..2025-12');
  });

  it('when a comparison base is marked, then it is the same span a year or a quarter earlier', () => {
    expect(key('3 months to july year-ago', '2020-08-20')).toBe('2019-05..2019-07');
    expect(key('Q2 FY2025 quarter-ago', '2024-08-28', 'Nvidia')).toBe('2024-02..2024-04');
    expect(key('earlier', '2024-08-28')).toBe('');
  });

  it('when nothing is written, then the claim is undated; a growth basis alone is no time', () => {
    expect(resolveTime(null, { statedAt: at('2025-01-01'), entity: null }).kind).toBe('undated');
    expect(resolveTime('YoY', { statedAt: at('2025-01-01'), entity: null })).toEqual({ kind: 'undated', basis: 'yoy' });
  });

  it('when a level is dated by a span still under way, then it is as of the statement', () => {
    const t = resolveTime('this year', { statedAt: at('2025-05-10'), entity: null });
    expect(asOfDate(t, at('2025-05-10'))).toBe('2025-05-10');
    expect(
      asOfDate(resolveTime('September 2024', { statedAt: at('2025-05-10'), entity: null }), at('2025-05-10')),
    ).toBe('2024-09-30');
  });

  it('when a key is shown to readers, then it reads as months, a year or an instant', () => {
    expect(describeTimeKey('2024-05..2024-07')).toBe('May–Jul 2024');
    expect(describeTimeKey('2024-07..2025-06')).toBe('Jul 2024 – Jun 2025');
    expect(describeTimeKey('2025-01..2025-12')).toBe('2025');
    expect(describeTimeKey('@2025-03-12')).toBe('as of 12 Mar 2025');
    expect(describeTimeKey('2024-05..2024-07 qoq')).toBe('May–Jul 2024, quarter over quarter');
  });

  it('when an investment runs "over four years", then it runs forward from the statement; "over the past four years" looks back', () => {
    expect(key('over four years', '2025-01-21')).toBe('2025-01..2028-12');
    expect(key('over the past four years', '2025-01-21')).toBe('2021-02..2025-01');
  });
});

describe('periods as written in results stories', () => {
  const periods = (text: string) => extractClaims(text, { title: 'Nvidia results' }).map((c) => c.period);
  it('when a figure is "for the quarter", then its period is the quarter reported; a month after "reported" dates the report, not the figure', () => {
    expect(periods('For the quarter, revenue rose to $3.86 billion, the company reported in August.')).toEqual([
      'the quarter',
    ]);
    expect(periods('Revenue was $5 billion in August.')).toEqual(['in august']);
  });

  it('when a quarter is counted, not named ("its first quarter exceeding $1 billion"), then it is no time', () => {
    expect(extractClaims('Revenue came in at $2.1 billion, its first quarter exceeding $2 billion.')[0]?.period).toBe(
      null,
    );
    expect(extractClaims('Revenue came in at $2.1 billion in its first quarter of 2025.')[0]?.period).toBe('Q1 2025');
  });

  it('when a headline is a URL slug in lower case ("acme q2 revenue beats"), then its quarter dates the flows the text leaves undated', () => {
    const [revenue] = extractClaims('The company reported revenue of $2 billion.', {
      title: 'palantir q2 revenue tops estimates',
    });
    expect(revenue.period).toBe('Q2');
  });

  it('when a profit in another currency is stated without a period, then like any flow it takes the period of the text around it', () => {
    const claims = extractClaims(
      'Samsung Electronics reported a 30% rise in operating profit for the third quarter of 2025. The income stood at 12 trillion won.',
    );
    expect(claims.at(-1)).toMatchObject({ unit: 'other', subject: 'Samsung (profit)', period: 'Q3 2025' });
  });

  it('when "now" and a named period both stand in the clause ("now expects $25 billion for fiscal 2026"), then the named period is the figure\'s', () => {
    expect(extractClaims('Dell now expects about $25 billion in AI-server revenue for fiscal 2026.')[0]?.period).toBe(
      'FY2026',
    );
  });

  it('when "this year" ranks a figure ("one of the largest rounds this year"), then it is not the figure\'s period', () => {
    expect(
      extractClaims('Lambda raised a $1.5 billion round, one of the largest AI financings this year.')[0]?.period,
    ).toBe(null);
    expect(extractClaims('Lambda raised $1.5 billion this year.')[0]?.period).toBe('this year');
  });

  it('when figures spell out, between two dashes, what stands before them ("the record set in the second quarter — 22 trillion won in sales —"), then they take its time', () => {
    const claims = extractClaims(
      "It would beat SK Hynix's record set in the second quarter — 22 trillion won in sales and 9 trillion won in operating profit — by far.",
    );
    expect(claims.map((c) => c.period)).toEqual(['Q2', 'Q2']);
  });
});
