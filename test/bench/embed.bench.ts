/**
 * `npm run bench:embed`: sentence-embedding throughput of the worker pool against a bare ONNX
 * Runtime session with the same total threads, on a MiniLM-L6-shaped model (6 layers, hidden 384,
 * 12 heads, int8 like all-MiniLM-L6-v2's model_quantized.onnx, random weights: the FLOPs are real,
 * the vectors meaningless). Configurations run in child processes (own peak RSS), interleaved
 * window by window; each keeps its best window. "per CPU-s" divides by the process's CPU time
 * instead: it barely moves when other processes load the machine (threads spinning while they
 * wait do count against it). The last line is the summary at batch 32, for the fastest pool
 * configuration with one caller.
 */
import { AutoTokenizer } from '@huggingface/transformers';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { GraphBuilder, seededRandom } from '../support/onnx-graph.ts';
import { buildTinyBert, MINILM_L6 } from '../support/tiny-bert.ts';
import { buildVocab } from '../support/tiny-bert-vocab.ts';
import { serveRun, startRun, type RunSpec } from './embed-bench-runs.ts';

/** Forward FLOPs per token of all-MiniLM-L6-v2 (2 × 6 × (4·384² + 2·384·1536) plus attention). */
const FLOP_PER_TOKEN = 2.24e7;
const BATCH_SIZES = [1, 8, 32, 64];
const SUMMARY_BATCH = 32;
const ROUNDS = 12;
const WINDOW_SECONDS = 0.4;

if (process.argv.includes('--child')) serveRun();
else await main();

async function main(): Promise<void> {
  const cores = availableParallelism();
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cores} cores, node ${process.version}, onnxruntime-node ${ort.env.versions.node}`,
  );
  // --fp32 runs the unquantized graph: its FLOPs are float FLOPs, comparable with the matmul peak.
  const quantized = !process.argv.includes('--fp32');
  const model = await buildTinyBert(
    { ...MINILM_L6, quantized },
    quantized ? 'bench/minilm-l6-shaped' : 'bench/minilm-l6-shaped-fp32',
  );
  const sentences = makeSentences(128);
  const tokensPerSentence = await averageTokens(model.path, sentences);
  const base = { modelDir: model.modelDir, modelId: model.modelId, sentences };
  const configs: (Omit<RunSpec, keyof typeof base> & { label: string })[] = [
    { label: `bare session ×${cores}`, kind: 'bare', poolSize: 1, threads: cores, inflight: 1 },
    { label: 'bare session ×1 (info)', kind: 'bare', poolSize: 1, threads: 1, inflight: 1 },
    { label: 'pool 1×2', kind: 'pool', poolSize: 1, threads: 2, inflight: 1 },
    { label: 'pool 2×1', kind: 'pool', poolSize: 2, threads: 1, inflight: 1 },
    { label: 'pool 2×1, 2 callers', kind: 'pool', poolSize: 2, threads: 1, inflight: 2 },
  ];
  const script = fileURLToPath(import.meta.url);
  const runs = await Promise.all(
    configs.map(({ label, ...spec }) => startRun(script, { ...spec, ...base }, process.cwd())),
  );
  process.on('exit', () => runs.forEach((r) => r.kill()));

  const loadBefore = loadavg()[0];
  let peak = 0;
  const best = configs.map(() => new Map<number, number>());
  const bestCpu = configs.map(() => new Map<number, number>());
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 4 === 0) peak = Math.max(peak, await peakFlops(cores));
    for (const batch of BATCH_SIZES) {
      for (const [i, run] of runs.entries()) {
        const rate = await run.window(batch, WINDOW_SECONDS);
        best[i].set(batch, Math.max(best[i].get(batch) ?? 0, rate.wall));
        bestCpu[i].set(batch, Math.max(bestCpu[i].get(batch) ?? 0, rate.cpu));
      }
    }
  }
  const load = Math.max(loadBefore, loadavg()[0]);
  if (load > cores)
    console.log(
      `warning: load average ${load.toFixed(1)} on ${cores} cores: other processes share the CPU, numbers are noisy`,
    );
  const rss = await Promise.all(runs.map((r) => r.finish()));
  console.log(
    `model: MiniLM-L6-shaped ${quantized ? 'q8' : 'fp32'}, ${sentences.length} sentences of ${tokensPerSentence.toFixed(1)} tokens; peak fp32 matmul ${(peak / 1e9).toFixed(1)} GFLOP/s; best of ${ROUNDS} windows of ${WINDOW_SECONDS}s`,
  );

  const share = (perS: number) => (perS * tokensPerSentence * FLOP_PER_TOKEN) / peak;
  console.log(
    '\nconfig                     batch  sentences/s   tokens/s  vs bare  peak-FLOP share  per CPU-s  peak RSS',
  );
  configs.forEach((c, i) => {
    for (const batch of BATCH_SIZES) {
      const s = best[i].get(batch)!;
      const cells = [
        c.label.padEnd(25),
        String(batch).padStart(6),
        s.toFixed(1).padStart(12),
        (s * tokensPerSentence).toFixed(0).padStart(10),
      ];
      cells.push(
        (s / best[0].get(batch)!).toFixed(2).padStart(8),
        share(s).toFixed(2).padStart(16),
        bestCpu[i].get(batch)!.toFixed(1).padStart(10),
      );
      cells.push(`${rss[i].toFixed(0).padStart(6)} MB`);
      console.log(cells.join(' '));
    }
  });

  // The default to recommend: the one-caller pool configuration fastest over all batch sizes.
  const meanRatio = (i: number) =>
    BATCH_SIZES.reduce((sum, b) => sum + best[i].get(b)! / best[0].get(b)!, 0) / BATCH_SIZES.length;
  const candidates = configs.map((c, i) => i).filter((i) => configs[i].kind === 'pool' && configs[i].inflight === 1);
  const winner = candidates.reduce((a, b) => (meanRatio(b) > meanRatio(a) ? b : a));
  console.log(
    `\nfastest pool for one caller: ${configs[winner].label} (mean ratio to bare ${meanRatio(winner).toFixed(2)} over batches ${BATCH_SIZES.join('/')})`,
  );
  const pool = best[winner].get(SUMMARY_BATCH)!;
  const bare = best[0].get(SUMMARY_BATCH)!;
  console.log(
    `embed: pool_sentences_per_s=${pool.toFixed(1)} bare_sentences_per_s=${bare.toFixed(1)} ratio=${(pool / bare).toFixed(2)} peak_flops_fraction=${share(pool).toFixed(2)} peak_rss_mb=${rss[winner].toFixed(0)}`,
  );
}

/** Best of several fp32 2048³ matmuls on all cores: about the most this machine's ORT can do. */
async function peakFlops(threads: number): Promise<number> {
  const n = 2048;
  const g = new GraphBuilder(1);
  g.op('MatMul', ['a', g.weights('b', [n, n], 1)]);
  g.renameLast('c');
  const graph = g.encode({
    inputs: [{ name: 'a', type: 'float', dims: [n, n] }],
    outputs: [{ name: 'c', type: 'float', dims: [n, n] }],
  });
  const session = await ort.InferenceSession.create(graph, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const a = new ort.Tensor('float32', new Float32Array(n * n).fill(0.5), [n, n]);
  let fastest = Infinity;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await session.run({ a });
    fastest = Math.min(fastest, (performance.now() - t) / 1000);
  }
  await session.release();
  return (2 * n ** 3) / fastest;
}

/** News-like word salad from whole vocabulary words: 31-35 words, so about 35 tokens with [CLS] and [SEP]. */
function makeSentences(count: number): string[] {
  const words = buildVocab().filter((w) => /^[a-z]{3,}$/.test(w));
  const random = seededRandom(42);
  const pick = () => words[Math.floor(random() * words.length)];
  return Array.from(
    { length: count },
    () => Array.from({ length: 31 + Math.floor(random() * 5) }, pick).join(' ') + '.',
  );
}

async function averageTokens(path: string, texts: string[]): Promise<number> {
  const tokenizer = await AutoTokenizer.from_pretrained(path);
  return texts.reduce((sum, t) => sum + tokenizer.encode(t).length, 0) / texts.length;
}
