import type { FigureReview } from '../../src/crosscheck/figure-review.ts';
import { DELETED_NAME } from '../../src/accounts/accounts.ts';
import { STANCE_LABELS, STANCES } from '../../src/crosscheck/stances.ts';
import { usePage } from '../page-context.ts';
import { hostOf } from './article-list.tsx';
import { CsrfField } from './csrf-field.tsx';
import { StatusBadge } from './figure-status.tsx';
import { TimeAgo } from './time-ago.tsx';
import { ErrorFragment } from '../pages/error-page.tsx';

/** The review status with its reason, and every change of it: who, when, why. */
export function StatusSection(props: { review: FigureReview; now: Date }) {
  const { status, history } = props.review;
  return (
    <section class="figure-status" id="status" aria-labelledby="status-title">
      <h2 id="status-title">
        Review status <StatusBadge status={status.status} reason={status.change?.reason} always />
      </h2>
      {status.change ? (
        <p class="status-reason">{status.change.reason}</p>
      ) : (
        <p class="meta">No moderator or check has reviewed this figure yet.</p>
      )}
      {history.length ? (
        <ol class="status-history">
          {history.map((h) => (
            <li>
              <TimeAgo date={h.createdAt} now={props.now} /> · <StatusBadge status={h.fromStatus} always /> →{' '}
              <StatusBadge status={h.toStatus} always /> ·{' '}
              {h.moderatorName ? <>by moderator {h.moderatorName}</> : <>by the automatic check</>}: {h.reason}
              {h.sourceUrl ? (
                <>
                  {' '}
                  (source:{' '}
                  <a href={h.sourceUrl} rel="noopener nofollow ugc">
                    {hostOf(h.sourceUrl)}
                  </a>
                  )
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

export type StanceFormState = {
  stance?: string;
  text?: string;
  evidenceUrl?: string;
  evidenceQuote?: string;
  error?: string | null;
};

/** Stances taken in replies, counted (each person once, by their latest), with their evidence; the form to take one. */
export function StancesSection(props: {
  figureId: number;
  review: FigureReview;
  now: Date;
  form?: StanceFormState;
  parentId?: number | null;
}) {
  const { counts, stances, citations } = props.review;
  const viewer = usePage().user;
  return (
    <section class="stances" id="stances" aria-labelledby="stances-title">
      <h2 id="stances-title">Stances and evidence</h2>
      <p class="stance-counts">
        <span class="badge agree">{counts.supports} support</span>{' '}
        <span class="badge conflict">{counts.disputes} dispute</span>{' '}
        <span class="badge neutral">{counts.context} add context</span>
      </p>
      <p class="meta">
        Agreement only: each person counts once, by their latest stance. Votes on the replies rate their quality and are
        counted apart.
      </p>
      {stances.length ? (
        <ul class="stance-list">
          {stances.map((s) => (
            <li class={`stance ${s.stance}`} id={`stance-${s.stanceId}`}>
              <span
                class={`badge ${s.stance === 'supports' ? 'agree' : s.stance === 'disputes' ? 'conflict' : 'neutral'}`}
              >
                {STANCE_LABELS[s.stance]}
              </span>{' '}
              {s.username === DELETED_NAME ? (
                <span class="deleted-author">{DELETED_NAME}</span>
              ) : (
                <a href={`/users/${encodeURIComponent(s.username)}`}>{s.username}</a>
              )}{' '}
              · <a href={`/comments/${s.commentId}`}>{s.commentDeleted ? 'reply removed' : 'reply'}</a> ·{' '}
              <TimeAgo date={s.createdAt} now={props.now} />
              {s.evidenceUrl ? (
                <>
                  {' '}
                  · evidence:{' '}
                  <a href={s.evidenceUrl} rel="noopener nofollow ugc">
                    {hostOf(s.evidenceUrl)}
                  </a>
                </>
              ) : null}
              {s.evidenceQuote ? <blockquote>{s.evidenceQuote}</blockquote> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No stances yet.</p>
      )}
      {citations.length ? (
        <>
          <h3>Cited in comments</h3>
          <ul class="citations">
            {citations.map((c) => (
              <li>
                <a href={`/comments/${c.commentId}`}>
                  <q>{c.quote}</q>
                </a>{' '}
                cites{' '}
                <a href={c.url} rel="noopener nofollow ugc">
                  {hostOf(c.url)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {viewer ? (
        <StanceForm figureId={props.figureId} parentId={props.parentId ?? null} {...props.form} />
      ) : (
        <p class="login-prompt">
          <a href={`/login?next=${encodeURIComponent(`/figures/${props.figureId}#stances`)}`}>Log in</a> to take a
          stance on this figure.
        </p>
      )}
    </section>
  );
}

export function StanceForm(props: { figureId: number; parentId: number | null } & StanceFormState) {
  const action = `/figures/${props.figureId}/stances`;
  const id = (name: string) => `stance-${name}-${props.figureId}`;
  return (
    <form class="stance-form" method="post" action={action} hx-post={action} hx-target="#stances" hx-swap="outerHTML">
      <CsrfField />
      {props.parentId ? <input type="hidden" name="parent" value={String(props.parentId)} /> : null}
      {props.error ? <ErrorFragment message={props.error} /> : null}
      <fieldset>
        <legend>
          {props.parentId ? `Your reply to comment #${props.parentId} on this figure` : 'Your reply on this figure'}
        </legend>
        {STANCES.map((s) => (
          <label class="stance-choice">
            <input type="radio" name="stance" value={s} checked={(props.stance ?? 'supports') === s} />{' '}
            {STANCE_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <label for={id('text')}>Reply (posted in the figure's thread; optional when you give evidence)</label>
      <textarea id={id('text')} name="text" rows={3}>
        {props.text ?? ''}
      </textarea>
      <label for={id('url')}>Evidence link (optional)</label>
      <input id={id('url')} type="url" name="evidence_url" value={props.evidenceUrl ?? ''} placeholder="https://…" />
      <label for={id('quote')}>Quote from the evidence (optional)</label>
      <input id={id('quote')} type="text" name="evidence_quote" value={props.evidenceQuote ?? ''} maxlength={500} />
      <div class="form-row">
        <button type="submit">Post reply with stance</button>
      </div>
    </form>
  );
}

/** Watch: hear about status changes in the inbox. A real form (works without JS), swapped in place with htmx. */
export function WatchButton(props: { figureId: number; watching: boolean | null }) {
  if (props.watching === null) return null;
  const action = `/figures/${props.figureId}/watch`;
  return (
    <form class="watch" method="post" action={action} hx-post={action} hx-target="this" hx-swap="outerHTML">
      <CsrfField />
      <input type="hidden" name="watch" value={props.watching ? 'off' : 'on'} />
      <button type="submit" class="secondary" aria-pressed={props.watching ? 'true' : 'false'}>
        {props.watching ? 'Watching (status changes go to your inbox)' : 'Watch status changes'}
      </button>
    </form>
  );
}
