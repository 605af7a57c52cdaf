import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli-io.ts';
import { loadEmbedder } from '../../src/ml/embedder.ts';
import { pullModel, runModelsCli, type PullProgress } from '../../src/ml/models-pull.ts';
import type { TestServer } from '../support/http-server.ts';
import { buildTinyBert, type TinyBert } from '../support/tiny-bert.ts';
import { startModelHub } from '../support/tiny-bert-hub.ts';

let model: TinyBert;
let hub: TestServer;
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crosscheck-pull-'));
  dirs.push(dir);
  return dir;
};

function fakeIo(isTTY = false) {
  const out = { stdout: '', stderr: '' };
  const stream = (name: 'stdout' | 'stderr') => {
    const s = Object.assign(new PassThrough(), { isTTY, columns: 100 });
    s.on('data', (chunk) => (out[name] += String(chunk)));
    return s;
  };
  const io: CliIo = { stdin: new PassThrough(), stdout: stream('stdout'), stderr: stream('stderr'), env: {} };
  return { io, out };
}

beforeAll(async () => {
  model = await buildTinyBert();
  hub = await startModelHub(model.modelDir);
});
afterAll(async () => {
  await hub?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('pullModel', () => {
  it('when the hub has the model, then its files land in MODEL_DIR/<id>/ and load offline', async () => {
    const modelDir = await tempDir();
    const events: PullProgress[] = [];
    const result = await pullModel(model.modelId, { modelDir, remoteHost: hub.url, onProgress: (p) => events.push(p) });
    expect(result.files.sort()).toEqual([...model.files].sort());
    for (const file of model.files) expect(existsSync(join(modelDir, model.modelId, file)), file).toBe(true);
    expect(new Set(events.filter((e) => e.done).map((e) => e.file))).toEqual(new Set(model.files));
    expect(hub.requests.some((r) => r.path === `/${model.modelId}/resolve/main/onnx/model_quantized.onnx`)).toBe(true);

    const offline = await loadEmbedder({
      model: model.modelId,
      modelDir,
      allowRemote: false,
      device: 'cpu',
      intraOpThreads: 1,
    });
    expect(offline.fallbackReason).toBeNull();
    expect(offline.embedder.name).toBe('transformers:test/tiny-bert:q8');
  });

  it('when the hub does not have the model, then it fails with model_not_found', async () => {
    await expect(pullModel('nobody/nothing', { modelDir: await tempDir(), remoteHost: hub.url })).rejects.toMatchObject(
      { code: 'model_not_found' },
    );
  });
});

describe('crosscheck models pull', () => {
  it('when output is not a terminal, then it prints one counted line per file and a summary', async () => {
    const { io, out } = fakeIo();
    const modelDir = await tempDir();
    const code = await runModelsCli(['pull', '--hub', hub.url], io, {
      EMBEDDING_MODEL: model.modelId,
      MODEL_DIR: modelDir,
    });
    expect(code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    const counted = lines.slice(0, 4).map((l) => /^\[(\d)\/4\] (\S+) [\d.]+ [kM]B$/.exec(l));
    expect(counted.map((m) => m?.[1])).toEqual(['1', '2', '3', '4']);
    expect(counted.map((m) => m?.[2]).sort()).toEqual([...model.files].sort());
    expect(lines[4]).toBe(`Pulled ${model.modelId} into ${join(modelDir, model.modelId)} (4 files).`);
  });

  it('when output is a terminal, then it draws progress bars and succeeds', async () => {
    const { io, out } = fakeIo(true);
    const code = await runModelsCli(['pull', model.modelId, '--hub', hub.url], io, {
      EMBEDDING_MODEL: 'unused',
      MODEL_DIR: await tempDir(),
    });
    expect(code).toBe(0);
    expect(out.stdout).toContain('onnx/model_quantized.onnx');
    expect(out.stdout).toContain('100%');
  });

  it('when the model is unknown, then it exits 1 with the reason', async () => {
    const { io, out } = fakeIo();
    expect(
      await runModelsCli(['pull', 'nobody/nothing', '--hub', hub.url], io, {
        EMBEDDING_MODEL: 'x',
        MODEL_DIR: await tempDir(),
      }),
    ).toBe(1);
    expect(out.stderr).toContain('nobody/nothing was not found');
    expect(out.stderr.match(/Could not locate file/g)).toHaveLength(1);
  });

  it('when the command is wrong, then it exits 2 with the usage', async () => {
    const { io, out } = fakeIo();
    expect(await runModelsCli(['push'], io, { EMBEDDING_MODEL: 'x', MODEL_DIR: 'y' })).toBe(2);
    expect(out.stderr).toContain('usage: crosscheck models pull');
  });
});
