import { describe, expect, it } from 'vitest';
import { fnv1a, LEXICAL_DIMS, lexicalEmbed, terms } from '../../src/ml/lexical-embedder.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
const norm = (v: Float32Array) => Math.sqrt(cosine(v, v));

describe('lexical-v1 embedder', () => {
  it('when the same text is embedded twice, then the vectors are identical', () => {
    const text = 'Nvidia reports record data center revenue of $30.8 billion';
    expect(Array.from(lexicalEmbed(text))).toEqual(Array.from(lexicalEmbed(text)));
  });

  it('when a text is embedded, then the vector has 384 dims and unit length', () => {
    const v = lexicalEmbed('OpenAI releases a new reasoning model');
    expect(v).toHaveLength(LEXICAL_DIMS);
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  it('when the hash is computed, then it is the standard FNV-1a 32-bit value', () => {
    // Reference values of FNV-1a (32-bit) from its specification's test vectors.
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('when two texts share the story, then they are closer than to an unrelated text', () => {
    const a = lexicalEmbed('Anthropic raises $4 billion from Amazon to train Claude models');
    const b = lexicalEmbed("Amazon invests another $4 billion in Anthropic, Claude's maker");
    const c = lexicalEmbed('EU lawmakers approve the AI Act after long negotiations');
    expect(cosine(a, b)).toBeGreaterThan(0.3);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.2);
  });

  it('when terms are extracted, then stopwords go, plurals fold and bigrams follow the words', () => {
    expect(terms('The models of the GPUs')).toEqual(['model', 'gpu', 'model gpu']);
  });

  it('when a text has only stopwords or punctuation, then the vector is zero', () => {
    expect(norm(lexicalEmbed('and the of --- !!'))).toBe(0);
    expect(norm(lexicalEmbed(''))).toBe(0);
  });
});
