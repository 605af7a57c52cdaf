/**
 * transformers.js (and ONNX Runtime), loaded with require(), i.e. their CommonJS builds.
 * Why: worker threads run TypeScript through tsx, whose ESM hooks re-process transformers.js's
 * 1.3 MB bundle in every thread, costing about 200 MB of RSS and 0.5 s of start-up per thread;
 * require() goes around those hooks. Everything in src/ml imports the library from here, so all
 * of it shares one instance and one `env`.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const transformers = require('@huggingface/transformers') as typeof import('@huggingface/transformers');
export const { env, pipeline, ModelRegistry, ModelFileNotFoundError } = transformers;
export type { FeatureExtractionPipeline } from '@huggingface/transformers';

/** Loaded on first use: the main thread only needs it for the device check. */
export const onnxRuntime = () => require('onnxruntime-node') as typeof import('onnxruntime-node');
