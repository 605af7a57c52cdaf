/** What ingestion hands to storage: one normalised, sanitised feed item. */
export type IncomingItem = {
  identity: string;
  guid: string | null;
  link: string | null;
  canonicalUrl: string | null;
  title: string;
  author: string | null;
  publishedAt: Date | null;
  summary: string | null;
  contentHtml: string;
  contentText: string;
  contentHash: string;
};

export type UpsertSummary = { newItems: number; updatedItems: number; unchanged: number };
