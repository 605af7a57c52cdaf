import { AutoTokenizer } from '@huggingface/transformers';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { configureTransformers, loadEmbedder, type Embedder, type ModelOptions } from '../../src/ml/embedder.ts';
import { pipeline } from '../../src/ml/transformers.ts';
import { buildTinyBert, type TinyBert } from '../support/tiny-bert.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
const expectClose = (a: Float32Array, b: Float32Array) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
const sentences = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `Story ${i}: ${'the startup raised funding for new chips '.repeat((i % 4) + 1)}and nvidia ${i % 3 ? 'gpus' : 'stock'}`,
  );

let model: TinyBert;
let options: ModelOptions;
let embedder: Embedder;

beforeAll(async () => {
  model = await buildTinyBert();
  options = { model: model.modelId, modelDir: model.modelDir, allowRemote: false, device: 'cpu', intraOpThreads: 1 };
  const loaded = await loadEmbedder(options);
  expect(loaded.fallbackReason).toBeNull();
  embedder = loaded.embedder;
});

describe('transformers embedder', () => {
  it('when the model is in MODEL_DIR, then it loads it and names it with its dtype', () => {
    expect(embedder.name).toBe('transformers:test/tiny-bert:q8');
    expect(embedder.dims).toBe(model.dims);
  });

  it.each([1, 8, 33])('when %i texts go in one batch, then each vector equals the one-by-one vector', async (n) => {
    const texts = sentences(n);
    const batch = await embedder.embed(texts);
    for (const [i, text] of texts.entries()) expectClose(batch[i], (await embedder.embed([text]))[0]);
  });

  it('when vectors come out, then they have unit length and differ between texts', async () => {
    const [a, b] = await embedder.embed(['OpenAI ships a model', 'The senate passed a chip export bill']);
    expect(Math.sqrt(dot(a, a))).toBeCloseTo(1, 5);
    expect(Math.sqrt(dot(b, b))).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeLessThan(0.99);
  });

  it('when a short text is padded next to a long one, then the padding does not change its vector', async () => {
    const short = 'google unveils gemini';
    const [padded] = await embedder.embed([short, sentences(8)[7].repeat(3)]);
    expectClose(padded, (await embedder.embed([short]))[0]);
  });

  it('when pooling, then the vector is the L2-normalised mean of the unmasked token states', async () => {
    const text = 'meta releases llama weights';
    const tokenizer = await AutoTokenizer.from_pretrained(model.path);
    const enc = tokenizer([text, 'a much longer sentence about the ai act in the eu'], { padding: true });
    const session = await ort.InferenceSession.create(join(model.path, 'onnx/model_quantized.onnx'));
    const names = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
    const feeds = Object.fromEntries(
      names.map((k) => [k, new ort.Tensor('int64', enc[k]!.data as BigInt64Array, enc[k]!.dims)]),
    );
    const hidden = (await session.run(feeds)).last_hidden_state.data as Float32Array;
    const [, seq] = enc.input_ids.dims as number[];
    const mask = (enc.attention_mask.data as BigInt64Array).slice(0, seq);
    const mean = new Float32Array(model.dims);
    mask.forEach((m, t) => m && mean.forEach((_, d) => (mean[d] += hidden[t * model.dims + d])));
    const norm = Math.sqrt(dot(mean, mean));
    expectClose(
      (await embedder.embed([text]))[0],
      mean.map((v) => v / norm),
    );
  });

  it("when compared with the pipeline's own mean pooling and normalisation, then the vectors are the same", async () => {
    const texts = sentences(5);
    const extractor = await pipeline('feature-extraction', model.modelId, { dtype: 'q8' });
    const reference = (await extractor(texts, { pooling: 'mean', normalize: true })).data as Float32Array;
    (await embedder.embed(texts)).forEach((v, row) =>
      expectClose(v, reference.slice(row * model.dims, (row + 1) * model.dims)),
    );
  });

  it('when no texts are given, then no vectors come back', async () => {
    expect(await embedder.embed([])).toEqual([]);
  });
});

describe('lexical fallback', () => {
  it('when the model folder is missing and remote is off, then lexical-v1 is used and the reason says so', async () => {
    const loaded = await loadEmbedder({ ...options, model: 'nobody/missing-model' });
    expect(loaded.embedder.name).toBe('lexical-v1');
    expect(loaded.fallbackReason).toMatch(
      /model folder .*nobody\/missing-model is missing and ALLOW_REMOTE_MODELS=false/,
    );
  });

  it('when a model file is missing, then lexical-v1 is used and the reason names the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crosscheck-models-'));
    await cp(model.modelDir, dir, { recursive: true });
    await rm(join(dir, model.modelId, 'onnx/model_quantized.onnx'));
    const loaded = await loadEmbedder({ ...options, modelDir: dir });
    expect(loaded.embedder.name).toBe('lexical-v1');
    expect(loaded.fallbackReason).toContain('model_quantized.onnx');
    configureTransformers(options);
    await rm(dir, { recursive: true, force: true });
  });

  it('when the device is unavailable, then loading fails instead of falling back', async () => {
    await expect(loadEmbedder({ ...options, device: 'cuda', model: 'nobody/missing-model' })).rejects.toMatchObject({
      code: 'device_unavailable',
    });
  });
});
