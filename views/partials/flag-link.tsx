import type { FlagTarget } from '../../src/moderation/flags.ts';

/** The "flag" link beside an item; it opens the form (a page without JS, in place with htmx). */
export function FlagLink(props: { kind: FlagTarget; id: number }) {
  const href = `/flags/new?kind=${props.kind}&id=${props.id}`;
  return (
    <a class="flag-link" href={href} hx-get={href} hx-target="this" hx-swap="outerHTML">
      flag
    </a>
  );
}
