/**
 * `crosscheck models pull [ID]`: downloads a model's files into MODEL_DIR/<ID>/ in hub layout, so
 * the server can run with ALLOW_REMOTE_MODELS=false. transformers.js does the fetching (same URLs,
 * same file choice as at run time) and loads the result once, so a pulled model is a working one.
 */
import cliProgress from 'cli-progress';
import { join } from 'node:path';
import { parse, println, UsageError, type CliIo } from '../cli-io.ts';
import { loadConfig, type Config } from '../config.ts';
import { AppError, errorMessage } from '../errors.ts';
import { configureTransformers } from './embedder.ts';
import { ModelFileNotFoundError, ModelRegistry, pipeline } from './transformers.ts';

export type PullProgress = { file: string; loaded: number; total: number; done: boolean };
export type PullOptions = {
  modelDir: string;
  /** Hub base URL; default https://huggingface.co. Tests point it at a local server. */
  remoteHost?: string;
  /** Called with the list of files once known, then per progress event. */
  onFiles?: (files: string[]) => void;
  onProgress?: (progress: PullProgress) => void;
};

export async function pullModel(id: string, opts: PullOptions): Promise<{ folder: string; files: string[] }> {
  configureTransformers({ modelDir: opts.modelDir, allowRemote: true, remoteHost: opts.remoteHost });
  try {
    const files = await ModelRegistry.get_pipeline_files('feature-extraction', id, { dtype: 'q8' });
    opts.onFiles?.(files);
    const sizes = new Map<string, number>();
    const extractor = await pipeline('feature-extraction', id, {
      dtype: 'q8',
      device: 'cpu',
      progress_callback: (p) => {
        if (p.status === 'progress') sizes.set(p.file, p.total);
        if (p.status === 'progress' || p.status === 'done') {
          const total = sizes.get(p.file) ?? 0;
          opts.onProgress?.({
            file: p.file,
            loaded: p.status === 'done' ? total : p.loaded,
            total,
            done: p.status === 'done',
          });
        }
      },
    });
    await extractor.dispose();
    return { folder: join(opts.modelDir, id), files };
  } catch (err) {
    if (err instanceof ModelFileNotFoundError)
      throw new AppError('model_not_found', `Model ${id} was not found on the hub: ${err.message}`, {
        status: 404,
        cause: err,
      });
    throw new AppError('model_pull_failed', `Could not pull model ${id}: ${errorMessage(err)}`, { cause: err });
  }
}

const USAGE = 'usage: crosscheck models pull [MODEL_ID] [--hub URL]   (MODEL_ID defaults to EMBEDDING_MODEL)';

/** Runs `crosscheck models …`; returns the exit code (0 done, 1 failed, 2 wrong usage). */
export async function runModelsCli(
  args: string[],
  io: CliIo,
  config?: Pick<Config, 'EMBEDDING_MODEL' | 'MODEL_DIR'>,
): Promise<number> {
  try {
    const { positionals, values } = parse(args, { hub: { type: 'string' } }, 2);
    if (positionals[0] !== 'pull')
      throw new UsageError(positionals[0] ? `Unknown models command: ${positionals[0]}` : 'Missing models command');
    const { EMBEDDING_MODEL, MODEL_DIR } = config ?? loadConfig(io.env);
    const id = positionals[1] ?? EMBEDDING_MODEL;
    const report = io.stdout.isTTY ? barReport(io) : lineReport(io);
    const result = await pullModel(id, { modelDir: MODEL_DIR, remoteHost: values.hub, ...report }).finally(report.stop);
    println(io.stdout, `Pulled ${id} into ${result.folder} (${result.files.length} files).`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      println(io.stderr, `${err.message}\n${USAGE}`);
      return 2;
    }
    // An AppError's message already carries its cause's.
    println(io.stderr, err instanceof AppError ? err.message : errorMessage(err));
    return 1;
  }
}

type Report = Pick<PullOptions, 'onFiles' | 'onProgress'> & { stop: () => void };

/** Pipes and log files get one line per finished file: `[2/4] tokenizer.json 0.7 MB`. */
function lineReport(io: CliIo): Report {
  let total = 0;
  const finished = new Set<string>();
  return {
    onFiles: (files) => (total = files.length),
    onProgress: (p) => {
      if (!p.done || finished.has(p.file)) return;
      finished.add(p.file);
      println(io.stdout, `[${finished.size}/${total}] ${p.file} ${megabytes(p.total)}`);
    },
    stop: () => {},
  };
}

/** Terminals get one live bar per file. */
function barReport(io: CliIo): Report {
  const bars = new cliProgress.MultiBar(
    { stream: io.stdout, format: ' {bar} {percentage}% | {file} {size}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const byFile = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress: (p) => {
      const total = Math.max(p.total, 1);
      const bar = byFile.get(p.file) ?? bars.create(total, 0, { file: p.file, size: megabytes(p.total) });
      byFile.set(p.file, bar);
      bar.setTotal(total);
      bar.update(p.done ? total : p.loaded, { size: megabytes(p.total) });
    },
    stop: () => bars.stop(),
  };
}

const megabytes = (bytes: number) => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
