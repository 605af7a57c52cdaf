import { describe, expect, it } from 'vitest';
import { contentHash, itemIdentity, type IdentityInput } from '../../src/ingest/item-identity.ts';

const base: IdentityInput = {
  guid: null,
  link: null,
  canonicalUrl: null,
  title: 'OpenAI raises $6.6B',
  publishedAt: new Date('2024-10-02T12:00:00Z'),
  contentText: 'The round values the company at $157B.',
};

describe('itemIdentity', () => {
  it('when the item has a GUID, then the GUID is the identity', () => {
    expect(itemIdentity({ ...base, guid: '  tag:example.com,2024:42 ', link: 'https://example.com/a' })).toBe(
      'tag:example.com,2024:42',
    );
  });

  it('when there is no GUID but a link, then the canonical link is the identity', () => {
    expect(
      itemIdentity({ ...base, link: 'https://example.com/a?utm_source=rss', canonicalUrl: 'https://example.com/a' }),
    ).toBe('https://example.com/a');
    expect(itemIdentity({ ...base, link: 'https://example.com/b' })).toBe('https://example.com/b');
  });

  it('when there is neither, then it is a sha256 of title and date that is stable across calls', () => {
    const identity = itemIdentity(base);
    expect(identity).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(itemIdentity({ ...base, contentText: 'edited body' })).toBe(identity);
    expect(itemIdentity({ ...base, title: 'Another story' })).not.toBe(identity);
    expect(itemIdentity({ ...base, publishedAt: new Date('2024-10-03T12:00:00Z') })).not.toBe(identity);
  });

  it('when title and date are both missing, then the content keeps untitled items apart', () => {
    const untitled = { ...base, title: '', publishedAt: null };
    expect(itemIdentity({ ...untitled, contentText: 'first song' })).not.toBe(
      itemIdentity({ ...untitled, contentText: 'second song' }),
    );
  });

  it('when the GUID is blank, then it does not count as a GUID', () => {
    expect(itemIdentity({ ...base, guid: '   ', link: 'https://example.com/a' })).toBe('https://example.com/a');
  });
});

describe('contentHash', () => {
  const item = { title: 'A', contentHtml: '<p>Revenue was $3.4B.</p>', link: 'https://example.com/a' };

  it('when nothing changes, then the hash is the same', () => {
    expect(contentHash(item)).toBe(contentHash({ ...item }));
    expect(contentHash(item)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when the title, content or link is edited, then the hash changes', () => {
    const original = contentHash(item);
    expect(contentHash({ ...item, title: 'A (updated)' })).not.toBe(original);
    expect(contentHash({ ...item, contentHtml: '<p>Revenue was $3.7B.</p>' })).not.toBe(original);
    expect(contentHash({ ...item, link: 'https://example.com/b' })).not.toBe(original);
  });

  it('when text moves between fields, then the hash still changes', () => {
    expect(contentHash({ title: 'ab', contentHtml: 'c', link: null })).not.toBe(
      contentHash({ title: 'a', contentHtml: 'bc', link: null }),
    );
  });
});
