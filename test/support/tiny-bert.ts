/**
 * Builds a small BERT sentence-embedding model in Hugging Face layout (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model_quantized.onnx) so tests and benchmarks exercise the real
 * transformers.js loading path with no download. Written once per shape under os.tmpdir(), keyed by
 * BUILDER_VERSION and the shape, and shared by parallel test files (built aside, then renamed).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildBertGraph, type BertShape } from './tiny-bert-graph.ts';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './tiny-bert-vocab.ts';

/** Bump when the files this writes change, so stale caches are not reused. */
const BUILDER_VERSION = 5;

/** Small and fast: for tests. vocabSize 0 means "exactly the built vocabulary". */
export const TINY_BERT: BertShape = {
  layers: 2,
  hidden: 64,
  heads: 4,
  intermediate: 128,
  vocabSize: 0,
  maxPositions: 128,
  quantized: false,
  seed: 7,
};

/** all-MiniLM-L6-v2's shape with random weights, int8 like its model_quantized.onnx: for benchmarks. */
export const MINILM_L6: BertShape = {
  layers: 6,
  hidden: 384,
  heads: 12,
  intermediate: 1536,
  vocabSize: 30522,
  maxPositions: 512,
  quantized: true,
  seed: 7,
};

export type TinyBert = {
  /** The folder to use as MODEL_DIR (transformers' localModelPath). */
  modelDir: string;
  modelId: string;
  /** modelDir/modelId: the model's own folder. */
  path: string;
  /** Relative paths of the files, as a hub repository serves them. */
  files: string[];
  dims: number;
};

export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

export async function buildTinyBert(shape: BertShape = TINY_BERT, modelId = 'test/tiny-bert'): Promise<TinyBert> {
  const key = createHash('sha256')
    .update(JSON.stringify({ BUILDER_VERSION, shape, modelId }))
    .digest('hex')
    .slice(0, 12);
  const modelDir = join(tmpdir(), `crosscheck-tiny-bert-${key}`);
  const model: TinyBert = { modelDir, modelId, path: join(modelDir, modelId), files: MODEL_FILES, dims: shape.hidden };
  if (existsSync(join(modelDir, '.complete'))) return model;

  const staging = `${modelDir}.${process.pid}.${Date.now()}`;
  await writeModel(join(staging, modelId), shape);
  await writeFile(join(staging, '.complete'), '');
  try {
    await rename(staging, modelDir);
  } catch (err) {
    // Another process finished first; its copy is identical.
    if (!existsSync(join(modelDir, '.complete'))) throw err;
    await rm(staging, { recursive: true, force: true });
  }
  return model;
}

async function writeModel(folder: string, shape: BertShape): Promise<void> {
  const vocab = buildVocab(shape.vocabSize);
  const full = { ...shape, vocabSize: vocab.length };
  const files: Record<string, string | Uint8Array> = {
    'config.json': JSON.stringify(configJson(full), null, 2),
    'tokenizer.json': JSON.stringify(tokenizerJson(vocab, shape.maxPositions)),
    'tokenizer_config.json': JSON.stringify(tokenizerConfigJson(shape.maxPositions), null, 2),
    'onnx/model_quantized.onnx': buildBertGraph(full),
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(folder, name)), { recursive: true });
    await writeFile(join(folder, name), content);
  }
}

function configJson(s: BertShape): object {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    vocab_size: s.vocabSize,
    hidden_size: s.hidden,
    num_hidden_layers: s.layers,
    num_attention_heads: s.heads,
    intermediate_size: s.intermediate,
    hidden_act: 'gelu',
    max_position_embeddings: s.maxPositions,
    type_vocab_size: 2,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  };
}
