/**
 * A small ONNX graph builder over `onnx-proto`: named initializers with seeded random weights,
 * nodes that return their output names, and a ModelProto encoder. Enough to write a BERT encoder.
 */
import onnxProto, { type onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

type Tensor = Float32Array | Int8Array | Uint8Array | BigInt64Array;
export type Attr = number | number[] | { float: number };

const elemType = (data: Tensor) =>
  data instanceof Float32Array
    ? DataType.FLOAT
    : data instanceof Int8Array
      ? DataType.INT8
      : data instanceof Uint8Array
        ? DataType.UINT8
        : DataType.INT64;

/** mulberry32: a tiny deterministic PRNG so a given seed always writes the same weights. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class GraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private count = 0;
  readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** A fresh name, so layers can be written as plain functions. */
  name(prefix: string): string {
    return `${prefix}_${this.count++}`;
  }

  constant(prefix: string, dims: number[], data: Tensor): string {
    const name = this.name(prefix);
    // rawData keeps encoding fast for the ~20 M weights of a MiniLM-sized model.
    const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push({ name, dims, dataType: elemType(data), rawData });
    return name;
  }

  /** Uniform weights with the given standard deviation. */
  weights(prefix: string, dims: number[], std: number): string {
    const size = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    const half = std * Math.sqrt(3);
    for (let i = 0; i < size; i++) data[i] = (this.random() * 2 - 1) * half;
    return this.constant(prefix, dims, data);
  }

  filled(prefix: string, dims: number[], value: number): string {
    return this.constant(prefix, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value));
  }

  scalar(value: number): string {
    return this.constant('scalar', [], new Float32Array([value]));
  }

  ints(values: number[], dims = [values.length]): string {
    return this.constant('ints', dims, BigInt64Array.from(values.map(BigInt)));
  }

  /** Adds a node and returns its outputs' names (one name when `outputs` is 1). */
  node(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs = 1): string[] {
    const names = Array.from({ length: outputs }, () => this.name(opType.toLowerCase()));
    const attribute = Object.entries(attrs).map(([name, v]) =>
      Array.isArray(v)
        ? { name, type: AttributeType.INTS, ints: v }
        : typeof v === 'number'
          ? { name, type: AttributeType.INT, i: v }
          : { name, type: AttributeType.FLOAT, f: v.float },
    );
    this.nodes.push({ opType, input: inputs, output: names, attribute, name: names[0] });
    return names;
  }

  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}): string {
    return this.node(opType, inputs, attrs)[0];
  }

  /** Renames the output of the last node, to give the graph output its public name. */
  renameLast(name: string): string {
    const last = this.nodes[this.nodes.length - 1];
    last.output = [name];
    return name;
  }

  encode(io: { inputs: ValueInfo[]; outputs: ValueInfo[] }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'crosscheck-tiny-bert',
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'encoder',
        node: this.nodes,
        initializer: this.initializers,
        input: io.inputs.map(valueInfo),
        output: io.outputs.map(valueInfo),
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

export type ValueInfo = { name: string; type: 'int64' | 'float'; dims: (string | number)[] };

function valueInfo({ name, type, dims }: ValueInfo): Onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return {
    name,
    type: { tensorType: { elemType: type === 'int64' ? DataType.INT64 : DataType.FLOAT, shape: { dim } } },
  };
}
