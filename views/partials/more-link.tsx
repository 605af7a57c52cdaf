/**
 * "More" as a plain link that, with htmx, swaps itself for the next page's items (the same
 * fragment the URL serves for HX-Request).
 */
export function MoreItem(props: { href: string | null | undefined }) {
  return props.href ? (
    <li class="more">
      <a href={props.href} hx-get={props.href} hx-target="closest li" hx-swap="outerHTML">
        More
      </a>
    </li>
  ) : null;
}

/** The sources of an item, each linking to its source page. */
export function SourceLinks(props: { sources: { feedId: number; feedTitle: string }[] }) {
  return (
    <>
      {props.sources.map((s, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <a href={`/feeds/${s.feedId}`}>{s.feedTitle}</a>
        </>
      ))}
    </>
  );
}
