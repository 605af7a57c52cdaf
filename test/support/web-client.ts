import { eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { stories } from '../../src/stories/stories.sql.ts';
import { articles } from '../../src/articles/articles.sql.ts';
import type { Db } from '../../src/db/client.ts';

/** A password every test account may use (long enough, not common, contains no test username). */
export const PASSWORD = 'battery staple horse 42';

export type RequestOptions = {
  /** Send HX-Request: true (and the CSRF header, as the layout's hx-headers makes htmx do). */
  htmx?: boolean;
  /** Leave out the CSRF token (forged-request tests). */
  noCsrf?: boolean;
  headers?: Record<string, string>;
  /** The client's address as @hono/node-server would report it. */
  ip?: string;
};

/**
 * A browser-like client over `app.request()`: keeps cookies, sends the CSRF token with forms,
 * never follows redirects (tests look at them).
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono,
    private readonly defaults: { ip?: string } = {},
  ) {}

  get csrfToken(): string | undefined {
    return this.cookies.get('csrf') ?? this.cookies.get('__Host-csrf');
  }

  async get(path: string, options: RequestOptions = {}): Promise<Response> {
    return this.send('GET', path, undefined, options);
  }

  async post(path: string, fields: Record<string, string> = {}, options: RequestOptions = {}): Promise<Response> {
    if (!this.csrfToken) await this.get('/login');
    const form = new URLSearchParams(fields);
    if (!options.noCsrf && !options.htmx && this.csrfToken) form.set('_csrf', this.csrfToken);
    return this.send('POST', path, form.toString(), options);
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    options: RequestOptions,
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (options.htmx) {
      headers['HX-Request'] = 'true';
      if (!options.noCsrf && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    }
    const ip = options.ip ?? this.defaults.ip ?? '192.0.2.1';
    const res = await this.app.request(
      path,
      { method, headers, body },
      { incoming: { socket: { remoteAddress: ip } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

/** Signs up (the account is a commenter, logged in on this client); returns the response. */
export async function signUp(client: WebClient, username: string, password = PASSWORD): Promise<Response> {
  const res = await client.post('/signup', { username, password });
  if (res.status !== 303) throw new Error(`sign-up of ${username} failed: ${res.status} ${await res.text()}`);
  return res;
}

/** A story with one lead article, straight into the tables (enrichment is not under test here). */
export async function seedStory(db: Db, title: string, at = new Date('2025-10-26T11:00:00Z')): Promise<number> {
  const [story] = await db
    .insert(stories)
    .values({ title, articleCount: 1, firstPublishedAt: at, lastPublishedAt: at })
    .returning();
  const [article] = await db
    .insert(articles)
    .values({
      title,
      url: `https://news.example/${encodeURIComponent(title)}`,
      canonicalUrl: `https://news.example/${encodeURIComponent(title)}`,
      contentHash: title,
      publishedAt: at,
      storyId: story.storyId,
      summary: `About ${title}`,
    })
    .returning();
  await db.update(stories).set({ leadArticleId: article.articleId }).where(eq(stories.storyId, story.storyId));
  return story.storyId;
}

/** Unescapes the few entities JSX writes, for reading values back out of HTML. */
export function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
