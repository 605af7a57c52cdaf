import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { loadEmbedder } from '../../src/ml/embedder.ts';
import { lexicalEmbed } from '../../src/ml/lexical-embedder.ts';
import { createEmbeddingPool, type EmbeddingPool, type EmbeddingPoolOptions } from '../../src/ml/pool.ts';
import { buildTinyBert, type TinyBert } from '../support/tiny-bert.ts';
import { startModelHub } from '../support/tiny-bert-hub.ts';

const texts = (n: number, words = 8) =>
  Array.from({ length: n }, (_, i) => `article ${i} says openai and nvidia ${'raised funding '.repeat(words)}`);
const expectSame = (a: ArrayLike<number>[], b: ArrayLike<number>[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => Array.from(v).forEach((x, d) => expect(x).toBeCloseTo(b[i][d], 5)));
};

let model: TinyBert;
let base: EmbeddingPoolOptions;
let pool: EmbeddingPool;

beforeAll(async () => {
  model = await buildTinyBert();
  base = {
    model: model.modelId,
    modelDir: model.modelDir,
    allowRemote: false,
    device: 'cpu',
    intraOpThreads: 1,
    poolSize: 2,
  };
  pool = await createEmbeddingPool(base);
});
afterAll(() => pool?.close());

describe('embedding pool', () => {
  it('when started on a model in MODEL_DIR, then info() names the model, its size and device', async () => {
    expect(await pool.info()).toEqual({
      embedder: 'transformers:test/tiny-bert:q8',
      dims: model.dims,
      device: 'cpu',
      fallbackReason: null,
    });
  });

  it('when a batch is split across threads, then the vectors match in-process ones, in input order', async () => {
    const input = texts(33);
    const result = await pool.embed(input);
    expect(result).toMatchObject({ embedder: 'transformers:test/tiny-bert:q8', dims: model.dims });
    const { embedder } = await loadEmbedder(base);
    expectSame(result.vectors, await embedder.embed(input));
  });

  it('when the signal is already aborted, then embed() rejects without running', async () => {
    await expect(pool.embed(['x'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'embed_aborted' });
  });

  it('when a running task is aborted, then it rejects and the pool keeps serving', async () => {
    const controller = new AbortController();
    const running = pool.embed(texts(4000, 30), { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toMatchObject({ code: 'embed_aborted' });
    expect((await pool.embed(['still works'])).vectors).toHaveLength(1);
  });
});

describe('embedding pool start-up', () => {
  it('when the model is missing, then the lexical embedder is used, reported with its reason and logged once', async () => {
    const lines: string[] = [];
    const lexical = await createEmbeddingPool({
      ...base,
      model: 'nobody/missing',
      poolSize: 1,
      logger: createLogger('info', (l) => lines.push(l)),
    });
    const info = await lexical.info();
    expect(info).toMatchObject({ embedder: 'lexical-v1', dims: 384 });
    expect(info.fallbackReason).toMatch(/nobody\/missing is missing and ALLOW_REMOTE_MODELS=false/);
    expect(lines.filter((l) => JSON.parse(l).level === 'warn')).toHaveLength(1);
    expect(lines[0]).toContain('lexical');
    const { vectors } = await lexical.embed(['Nvidia sells more GPUs']);
    expect(Array.from(vectors[0])).toEqual(Array.from(lexicalEmbed('Nvidia sells more GPUs')));
    await lexical.close();
  });

  it('when remote models are allowed, then the workers download the model from the hub into MODEL_DIR', async () => {
    const hub = await startModelHub(model.modelDir);
    const modelDir = await mkdtemp(join(tmpdir(), 'crosscheck-hub-'));
    try {
      const remote = await createEmbeddingPool({
        ...base,
        modelDir,
        allowRemote: true,
        remoteHost: hub.url,
        poolSize: 1,
      });
      expect(await remote.info()).toMatchObject({ embedder: 'transformers:test/tiny-bert:q8', fallbackReason: null });
      expectSame((await remote.embed(['hub model'])).vectors, (await pool.embed(['hub model'])).vectors);
      expect(existsSync(join(modelDir, model.modelId, 'onnx/model_quantized.onnx'))).toBe(true);
      await remote.close();
    } finally {
      await hub.close();
      await rm(modelDir, { recursive: true, force: true });
    }
  });

  it('when the device is unavailable, then start-up fails fast with the install command', async () => {
    const started = Date.now();
    const failed = createEmbeddingPool({ ...base, device: 'cuda', poolSize: 1 });
    await expect(failed).rejects.toMatchObject({
      code: 'device_unavailable',
      message: expect.stringContaining('ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci'),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('when the worker does not come up in time, then start-up fails with a timeout error', async () => {
    await expect(createEmbeddingPool({ ...base, poolSize: 1, startupTimeoutMs: 1 })).rejects.toMatchObject({
      code: 'embed_startup_timeout',
    });
  });
});

describe('embedding pool close', () => {
  it('when closed with a task running, then the task finishes and later calls are refused', async () => {
    const closing = await createEmbeddingPool({ ...base, poolSize: 1 });
    const running = closing.embed(texts(64));
    await closing.close();
    expect((await running).vectors).toHaveLength(64);
    await expect(closing.embed(['late'])).rejects.toMatchObject({ code: 'embed_pool_closed' });
    await closing.close();
  });

  it('when running tasks outlast the close timeout, then they are rejected as closed', async () => {
    const closing = await createEmbeddingPool({ ...base, poolSize: 1, closeTimeoutMs: 50 });
    const running = closing.embed(texts(4000, 30));
    const rejected = expect(running).rejects.toMatchObject({ code: 'embed_pool_closed' });
    await closing.close();
    await rejected;
  });
});
