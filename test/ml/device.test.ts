import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { checkDevice, PROBE_MODEL_BASE64 } from '../../src/ml/device.ts';

const { onnx } = onnxProto;
// The CUDA provider libraries are only there after `ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci --ignore-scripts=false`.
const ortBin = join(
  dirname(createRequire(import.meta.url).resolve('onnxruntime-node')),
  '..',
  'bin',
  'napi-v6',
  process.platform,
  process.arch,
);
const cudaInstalled = existsSync(join(ortBin, 'libonnxruntime_providers_cuda.so'));

describe('checkDevice', () => {
  it('when the probe model is decoded, then it is the one-node Identity graph it claims to be', () => {
    const model = onnx.ModelProto.decode(Buffer.from(PROBE_MODEL_BASE64, 'base64'));
    expect(model.graph?.node?.map((n) => n.opType)).toEqual(['Identity']);
    expect(Number(model.opsetImport?.[0]?.version)).toBe(17);
  });

  it('when the device is the CPU, then the check passes', async () => {
    await expect(checkDevice('cpu')).resolves.toBeUndefined();
  });

  it.skipIf(cudaInstalled)('when CUDA is not installed, then it fails fast with the install command', async () => {
    const started = Date.now();
    const err = await checkDevice('cuda').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('device_unavailable');
    expect((err as AppError).message).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci --ignore-scripts=false');
    expect((err as AppError).message).toContain('cuDNN 9');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('when WebGPU has no adapter, then it fails with what WebGPU needs in Node', async () => {
    const err = await checkDevice('webgpu').catch((e: unknown) => e);
    // A machine with a GPU and Vulkan drivers really can run WebGPU; nothing to assert there.
    if (err === undefined) return;
    expect((err as AppError).code).toBe('device_unavailable');
    expect((err as AppError).message).toMatch(/Node has no WebGPU of its own.*Vulkan/);
  });
});
