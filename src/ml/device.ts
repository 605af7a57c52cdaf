/**
 * Checks that ONNX Runtime can really use the configured device, by opening a one-node model on it.
 * A missing device is a set-up mistake, so it fails loudly with what to install: falling back to
 * the CPU would hide it and quietly make enrichment many times slower.
 *
 * ONNX Runtime opens sessions synchronously on the calling thread, so a native hang cannot be
 * timed out here; the pool runs this inside a worker under its start-up timeout.
 */
import { AppError, errorMessage } from '../errors.ts';
import { onnxRuntime } from './transformers.ts';

export type EmbedDevice = 'cpu' | 'cuda' | 'webgpu';

/** ONNX (IR 8, opset 17) of one Identity node, float x[1] → y[1]; test/ml/device.test.ts rebuilds it. */
export const PROBE_MODEL_BASE64 =
  'CAgSBXByb2JlOjsKEAoBeBIBeSIISWRlbnRpdHkSBXByb2JlWg8KAXgSCgoICAESBAoCCAFiDwoBeRIKCggIARIECgIIAUIECgAQEQ==';

const HOW_TO_FIX: Record<EmbedDevice, string> = {
  cpu: 'ONNX Runtime itself does not load: reinstall dependencies with `npm ci` on a supported platform (linux/darwin/win32, x64/arm64).',
  cuda:
    'Install the CUDA build of ONNX Runtime: `ONNXRUNTIME_NODE_INSTALL=cuda12 npm ci --ignore-scripts=false` ' +
    'on a machine with CUDA 12 and cuDNN 9 (the default install runs no install scripts, so it skips the CUDA ' +
    'libraries: see .npmrc), or set EMBED_DEVICE=cpu.',
  webgpu:
    'Node has no WebGPU of its own; ONNX Runtime for Node ships a native WebGPU provider that needs a GPU adapter ' +
    '(on Linux a Vulkan driver and libvulkan.so.1). Without one, set EMBED_DEVICE=cpu, or cuda on an NVIDIA machine.',
};

/** Throws AppError `device_unavailable` unless a session opens and runs on `device`. */
export async function checkDevice(device: EmbedDevice): Promise<void> {
  try {
    const ort = onnxRuntime();
    const session = await ort.InferenceSession.create(Buffer.from(PROBE_MODEL_BASE64, 'base64'), {
      executionProviders: [device],
    });
    await session.run({ x: new ort.Tensor('float32', new Float32Array([1]), [1]) });
    await session.release();
  } catch (err) {
    throw deviceUnavailable(device, err);
  }
}

export function deviceUnavailable(device: EmbedDevice, cause: unknown): AppError {
  const message = `Embedding device "${device}" is not available: ${reason(errorMessage(cause))}. ${HOW_TO_FIX[device]}`;
  return new AppError('device_unavailable', message, {
    status: 503,
    userMessage: 'Text analysis is unavailable right now.',
    cause,
  });
}

/** ORT's messages lead with a source path and a failed assertion; keep the sentence after it. */
function reason(text: string): string {
  const line = text.split('\n')[0];
  const marker = ' was false. ';
  const at = line.indexOf(marker);
  return (at >= 0 ? line.slice(at + marker.length) : line).replace(/\.$/, '');
}
