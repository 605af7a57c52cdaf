/**
 * A BERT encoder as an ONNX graph with random weights: embeddings (word + position + type) and
 * LayerNorm, then `layers` × (multi-head self-attention with the padding mask, GELU feed-forward,
 * residuals and LayerNorms). The same ops as an exported BERT, so FLOPs and ORT's fusions are
 * realistic. With `quantized`, weight MatMuls are written the way ORT's `quantize_dynamic` writes
 * them (DynamicQuantizeLinear → MatMulInteger → rescale), which is what `model_quantized.onnx` holds.
 */
import { GraphBuilder } from './onnx-graph.ts';

export type BertShape = {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocabSize: number;
  maxPositions: number;
  quantized: boolean;
  seed: number;
};

const STD = 0.05;

export function buildBertGraph(shape: BertShape): Uint8Array {
  const g = new GraphBuilder(shape.seed);
  let x = embeddings(g, shape);
  const bias = attentionBias(g);
  for (let i = 0; i < shape.layers; i++) {
    x = layerNorm(g, g.op('Add', [x, attention(g, x, bias, shape)]), shape.hidden);
    x = layerNorm(g, g.op('Add', [x, feedForward(g, x, shape)]), shape.hidden);
  }
  g.renameLast('last_hidden_state');
  const io = (name: string) => ({ name, type: 'int64' as const, dims: ['batch_size', 'sequence_length'] });
  return g.encode({
    inputs: [io('input_ids'), io('attention_mask'), io('token_type_ids')],
    outputs: [{ name: 'last_hidden_state', type: 'float', dims: ['batch_size', 'sequence_length', shape.hidden] }],
  });
}

function embeddings(g: GraphBuilder, s: BertShape): string {
  // Word vectors are large so that different words give clearly different sentence vectors.
  const words = s.quantized
    ? quantizedGather(g, [s.vocabSize, s.hidden], 1)
    : g.op('Gather', [g.weights('word_embeddings', [s.vocabSize, s.hidden], 1), 'input_ids']);
  const length = g.op('Gather', [g.op('Shape', ['input_ids']), g.ints([1], [])], { axis: 0 });
  const positionIds = g.op('Range', [g.ints([0], []), length, g.ints([1], [])]);
  const positions = g.op('Gather', [g.weights('position_embeddings', [s.maxPositions, s.hidden], STD), positionIds]);
  const types = g.op('Gather', [g.weights('token_type_embeddings', [2, s.hidden], STD), 'token_type_ids']);
  return layerNorm(g, g.op('Add', [g.op('Add', [words, positions]), types]), s.hidden);
}

/** [batch, 1, 1, seq] additive bias: 0 where attended, -10000 on padding, as BERT exports do. */
function attentionBias(g: GraphBuilder): string {
  const mask = g.op('Cast', ['attention_mask'], { to: 1 });
  const inverted = g.op('Sub', [g.scalar(1), mask]);
  return g.op('Unsqueeze', [g.op('Mul', [inverted, g.scalar(-10000)]), g.ints([1, 2])]);
}

function attention(g: GraphBuilder, x: string, bias: string, s: BertShape): string {
  const headSize = s.hidden / s.heads;
  const split = (t: string, perm: number[]) =>
    g.op('Transpose', [g.op('Reshape', [t, g.ints([0, 0, s.heads, headSize])])], { perm });
  const q = split(g.op('Mul', [linear(g, x, s.hidden, s.hidden, s), g.scalar(1 / Math.sqrt(headSize))]), [0, 2, 1, 3]);
  const k = split(linear(g, x, s.hidden, s.hidden, s), [0, 2, 3, 1]);
  const v = split(linear(g, x, s.hidden, s.hidden, s), [0, 2, 1, 3]);
  const probs = g.op('Softmax', [g.op('Add', [g.op('MatMul', [q, k]), bias])], { axis: -1 });
  const context = g.op('Transpose', [g.op('MatMul', [probs, v])], { perm: [0, 2, 1, 3] });
  return linear(g, g.op('Reshape', [context, g.ints([0, 0, s.hidden])]), s.hidden, s.hidden, s);
}

function feedForward(g: GraphBuilder, x: string, s: BertShape): string {
  const h = linear(g, x, s.hidden, s.intermediate, s);
  // Exact GELU, spelled with Erf as PyTorch exports it (ORT fuses it back into one Gelu).
  const erf = g.op('Erf', [g.op('Div', [h, g.scalar(Math.SQRT2)])]);
  const gelu = g.op('Mul', [g.op('Mul', [h, g.op('Add', [erf, g.scalar(1)])]), g.scalar(0.5)]);
  return linear(g, gelu, s.intermediate, s.hidden, s);
}

function linear(g: GraphBuilder, x: string, inSize: number, outSize: number, s: BertShape): string {
  const bias = g.weights('bias', [outSize], STD);
  const std = 1 / Math.sqrt(inSize);
  if (!s.quantized) return g.op('Add', [g.op('MatMul', [x, g.weights('weight', [inSize, outSize], std)]), bias]);
  const [xq, xScale, xZero] = g.node('DynamicQuantizeLinear', [x], {}, 3);
  const { weight, scale } = int8Weights(g, inSize * outSize, std);
  const product = g.op('MatMulInteger', [
    xq,
    g.constant('weight_q', [inSize, outSize], weight),
    xZero,
    g.constant('weight_zero', [], new Int8Array(1)),
  ]);
  const rescale = g.op('Mul', [xScale, g.scalar(scale)]);
  return g.op('Add', [g.op('Mul', [g.op('Cast', [product], { to: 1 }), rescale]), bias]);
}

/** An int8 embedding table, dequantized after the lookup, as quantize_dynamic writes Gather. */
function quantizedGather(g: GraphBuilder, dims: [number, number], std: number): string {
  const { weight, scale } = int8Weights(g, dims[0] * dims[1], std);
  const rows = g.op('Gather', [g.constant('word_embeddings_q', dims, weight), 'input_ids']);
  return g.op('DequantizeLinear', [rows, g.scalar(scale), g.constant('word_embeddings_zero', [], new Int8Array(1))]);
}

/** Symmetric per-tensor int8 weights (zero point 0), as quantize_dynamic writes them. */
function int8Weights(g: GraphBuilder, size: number, std: number): { weight: Int8Array; scale: number } {
  const max = std * Math.sqrt(3);
  const weight = new Int8Array(size);
  for (let i = 0; i < size; i++) weight[i] = Math.round((g.random() * 2 - 1) * 127);
  return { weight, scale: max / 127 };
}

function layerNorm(g: GraphBuilder, x: string, hidden: number): string {
  return g.op('LayerNormalization', [x, g.filled('ln_gamma', [hidden], 1), g.filled('ln_beta', [hidden], 0)], {
    axis: -1,
    epsilon: { float: 1e-12 },
  });
}
