import { Layout } from '../layout.tsx';

export type AboutFacts = { database: string; feeds: number; articles: number; embedder: string; version: string };

export function AboutPage(props: { facts: AboutFacts }) {
  const f = props.facts;
  return (
    <Layout title="About">
      <h1>About Crosscheck</h1>
      <p>
        Crosscheck follows AI-industry news from RSS and Atom feeds, groups coverage of one event into stories, and
        extracts every figure so readers can see which numbers are sourced and which contradict each other.
      </p>
      <h2>This installation</h2>
      <dl class="facts">
        <dt>Version</dt>
        <dd>{f.version}</dd>
        <dt>Database</dt>
        <dd>{f.database}</dd>
        <dt>Sources</dt>
        <dd>{f.feeds}</dd>
        <dt>Articles</dt>
        <dd>{f.articles}</dd>
        <dt>Embedder</dt>
        <dd>{publicEmbedder(f.embedder)}</dd>
      </dl>
    </Layout>
  );
}

/**
 * The embedder as a public page may state it. Why a fallback happened names folders on the server
 * ("model folder /srv/crosscheck/data/models/… is missing"): that is for the operator, who has it
 * in the start-up log, not for every visitor. Any other absolute path is cut as well.
 */
export function publicEmbedder(description: string): string {
  const fallback = /^(\S+) \(fallback: /.exec(description);
  if (fallback) return `${fallback[1]} (fallback: no embedding model is loaded; the server’s start-up log says why)`;
  return description.replace(/(^|[\s(])(?:[A-Za-z]:\\|\/)[^\s`'")]*/g, '$1…');
}
