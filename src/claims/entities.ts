import { PARENTS } from './extract/aliases.ts';
import { findEntities } from './extract/subjects.ts';

/**
 * Canonical entities: the extractor's alias table (extract/aliases.ts) names each entity once,
 * with its other names (parent and brand, ticker, misspellings), so "Alphabet", "Google" and
 * "GOOGL" are one entity. A subject is that entity when it starts with one of its names
 * ("Nvidia's data-center unit" → Nvidia); descriptive subjects ("hyperscalers") are not entities.
 */
const cache = new Map<string, string | null>();

export function canonicalEntity(subject: string | null): string | null {
  if (!subject) return null;
  const hit = cache.get(subject);
  if (hit !== undefined) return hit;
  const text = subject.replace(/^\s*the\s+/i, '');
  const first = findEntities(text, { start: 0, end: text.length })[0];
  const name = first && first.start === 0 ? first.name : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(subject, name);
  return name;
}

export const isEntity = (subject: string): boolean => canonicalEntity(subject) !== null;

/**
 * The entity a subject is about, a business unit named in its qualifier included: "Microsoft
 * (Azure revenue)" is Azure, "Amazon (AWS)" is AWS; "Nvidia (data center)" stays Nvidia.
 */
export function subjectEntity(subject: string | null): string | null {
  if (!subject) return null;
  const head = subject.replace(/\([^)]*\)/g, ' ').trim();
  const entity = canonicalEntity(head || subject);
  const unit = /\(([^)]*)\)/.exec(subject)?.[1];
  const child = unit ? canonicalEntity(unit.split(',')[0].trim()) : null;
  return child && entity && PARENTS[child] === entity ? child : entity;
}
