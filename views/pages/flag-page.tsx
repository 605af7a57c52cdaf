import { FLAG_REASONS, REASON_LABELS, TARGET_LABELS, type FlagTarget } from '../../src/moderation/flags.ts';
import { Layout } from '../layout.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';
import { ErrorFragment } from './error-page.tsx';

export type FlagFormState = {
  reason?: string;
  detail?: string;
  mergeInto?: string;
  error?: string | null;
  done?: boolean;
};
export type FlagPageProps = { kind: FlagTarget; id: number; label: string; backHref: string } & FlagFormState;

/** "Flag this": a reason from a fixed list, an optional detail, a duplicate story's original. */
export function FlagPage(props: FlagPageProps) {
  return (
    <Layout title={`Flag this ${TARGET_LABELS[props.kind]}`}>
      <h1>Flag this {TARGET_LABELS[props.kind]}</h1>
      <p>
        <a href={props.backHref}>{props.label}</a>
      </p>
      <FlagForm {...props} />
    </Layout>
  );
}

export function FlagForm(props: FlagPageProps) {
  if (props.done) {
    return (
      <p class="notice" role="status" id={`flag-${props.kind}-${props.id}`}>
        Flagged as {REASON_LABELS[props.reason ?? ''] ?? props.reason}. Moderators will review it; their decision
        appears in the <a href="/moderation/log">moderation log</a>.
      </p>
    );
  }
  const id = `flag-${props.kind}-${props.id}`;
  return (
    <form
      class="flag-form"
      id={id}
      method="post"
      action="/flags"
      hx-post="/flags"
      hx-target={`#${id}`}
      hx-swap="outerHTML"
    >
      <CsrfField />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="id" value={String(props.id)} />
      {props.error ? <ErrorFragment message={props.error} /> : null}
      <fieldset>
        <legend>Why?</legend>
        {FLAG_REASONS[props.kind].map((r, i) => (
          <label class="flag-reason">
            <input type="radio" name="reason" value={r} checked={props.reason ? props.reason === r : i === 0} />{' '}
            {REASON_LABELS[r]}
          </label>
        ))}
      </fieldset>
      {props.kind === 'story' ? (
        <>
          <label for={`${id}-into`}>If a duplicate: the story it duplicates (number, optional)</label>
          <input id={`${id}-into`} type="number" name="merge_into" min={1} value={props.mergeInto ?? ''} />
        </>
      ) : null}
      <label for={`${id}-detail`}>Detail (optional)</label>
      <textarea id={`${id}-detail`} name="detail" rows={2} maxlength={500}>
        {props.detail ?? ''}
      </textarea>
      <button type="submit">Flag</button>
    </form>
  );
}
