import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractClaims } from '../../src/claims/extract/extract.ts';
import { extractWithEmbeddings } from '../../src/claims/embedding-metrics.ts';
import { loadEmbedder } from '../../src/ml/embedder.ts';
import { createEmbeddingPool, type EmbeddingPool } from '../../src/ml/pool.ts';
import { buildTinyBert, type TinyBert } from '../support/tiny-bert.ts';

const TEXTS = [
  "OpenAI's capex rose 50% to $12 billion in Q3 2025, while inference costs per token dropped roughly 90% year-over-year.",
  'Anthropic raised $4 billion at a $61.5 billion valuation; its run-rate revenue doubled to $2B.',
  'Meta plans 1.3 million GPUs by year end, drawing about 2 GW of power.',
  'Nvidia gained 5% as data-center sales hit $30.8 billion, a 112% jump.',
];

let model: TinyBert;
let modelPool: EmbeddingPool;
let lexicalPool: EmbeddingPool;

beforeAll(async () => {
  model = await buildTinyBert();
  const base = { allowRemote: false, device: 'cpu' as const, intraOpThreads: 1, poolSize: 2 };
  modelPool = await createEmbeddingPool({ ...base, model: model.modelId, modelDir: model.modelDir });
  lexicalPool = await createEmbeddingPool({ ...base, model: 'nobody/absent', modelDir: model.modelDir });
});
afterAll(async () => {
  await modelPool?.close();
  await lexicalPool?.close();
});

describe('the claims task in the worker pool', () => {
  it('when no neural model is loaded, then the pool returns exactly the deterministic rules output', async () => {
    const items = TEXTS.map((text) => ({ text, kind: 'prose' as const }));
    const result = await lexicalPool.extractClaims(items);
    expect(result.version).toBe(EXTRACTOR_VERSION);
    expect(result.claims).toEqual(TEXTS.map((t) => extractClaims(t)));
  });

  it('when a model is loaded, then the same figures come back (the model only breaks metric ties) and the version names the model', async () => {
    const items = TEXTS.map((text) => ({ text, kind: 'prose' as const }));
    const result = await modelPool.extractClaims(items);
    expect(result.version).toBe(`${EXTRACTOR_VERSION}+transformers:test/tiny-bert:q8`);
    const rules = TEXTS.map((t) => extractClaims(t));
    expect(result.claims.map((cs) => cs.map((c) => [c.quote, c.value, c.unit]))).toEqual(
      rules.map((cs) => cs.map((c) => [c.quote, c.value, c.unit])),
    );
    expect(await modelPool.extractClaims(items)).toEqual(result);
  });

  it('when rules leave a tie, then the model embeds that context once and picks one of the tied metrics', async () => {
    const { embedder } = await loadEmbedder({
      model: model.modelId,
      modelDir: model.modelDir,
      allowRemote: false,
      device: 'cpu',
      intraOpThreads: 1,
    });
    const seen: string[] = [];
    const embed = async (texts: string[]) => (seen.push(...texts), embedder.embed(texts));
    // A funding column holding a capex row: the rules cannot tell funding from capex.
    const tied = { text: '| Item | Funding |\n| Data center capex | $2B |', kind: 'table_row' as const };
    const [[claim]] = await extractWithEmbeddings([tied], embedder.name, embed);
    expect(seen).toContain('Funding | Data center capex | $2B');
    expect(['funding', 'capex']).toContain(claim.metric);
    expect(claim).toMatchObject({ value: 2e9, unit: 'USD' });
    seen.length = 0;
    await extractWithEmbeddings([{ text: 'The run consumed 5e25 FLOPs.', kind: 'prose' }], embedder.name, embed);
    expect(seen).toEqual([]);
  });
});
