import { Layout } from '../layout.tsx';

export type AboutFacts = { database: string; feeds: number; articles: number; embedder: string; version: string };

export function AboutPage(props: { facts: AboutFacts; csrfToken?: string }) {
  const f = props.facts;
  return (
    <Layout title="About" csrfToken={props.csrfToken}>
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
        <dd>{f.embedder}</dd>
      </dl>
    </Layout>
  );
}
