import { formatValue, METRIC_LABELS } from '../../src/claims/format.ts';
import type { LedgerClaim } from '../../src/claims/ledger.ts';
import { FIGURE_STATUSES } from '../../src/crosscheck/figure-statuses.ts';
import { ACTIONS } from '../../src/moderation/actions.ts';
import { REASON_LABELS } from '../../src/moderation/flags.ts';
import { ACTION_LABELS } from '../../src/moderation/log.ts';
import type { QueueItem } from '../../src/moderation/queue.ts';
import type { Snippet } from '../../src/moderation/queue-context.ts';
import { CsrfField } from './csrf-field.tsx';
import { sourceName } from './figure-chart.tsx';
import { StatusBadge, STATUS_LABELS } from './figure-status.tsx';
import { TimeAgo } from './time-ago.tsx';
import { measureOf } from '../../src/claims/figure-key.ts';

const KIND_LABELS = {
  figure: 'Unsupported figure',
  claim: "Article's figure",
  comment: 'Comment',
  story: 'Story',
} as const;

/** The outcome of an action, shown in the row it replaced. */
export type RowNotice = { ok: boolean; message: string };

/** What the moderator had typed and chosen, given back with a refused action so nothing is typed twice. */
export type ActionDraft = {
  action?: string;
  reason?: string;
  status?: string;
  sourceUrl?: string;
  days?: string;
  into?: string;
  article?: string;
};

/** One queue row: what, why, how urgent, the quote in context, the ledger's entries, and the actions. */
export function QueueRow(props: {
  q: QueueItem;
  now: Date;
  notice?: RowNotice | null;
  resolved?: boolean;
  draft?: ActionDraft | null;
}) {
  const { q } = props;
  const t = q.target;
  return (
    <li class={props.resolved ? 'queue-row resolved' : 'queue-row'} id={`row-${q.key}`} data-key={q.key}>
      <header>
        <span class="kind">{KIND_LABELS[q.item.kind]}</span> <a href={t.path}>{t.label}</a>{' '}
        {q.status ? <StatusBadge status={q.status.status} reason={q.status.change?.reason} always /> : null}
        {q.locked ? <span class="badge neutral">locked</span> : null}
        {t.deleted ? <span class="badge neutral">{q.item.kind === 'story' ? 'merged' : 'removed'}</span> : null}
      </header>
      {props.notice ? (
        <p class={props.notice.ok ? 'notice' : 'error'} role={props.notice.ok ? 'status' : 'alert'}>
          {props.notice.message}
        </p>
      ) : null}
      <p class="reasons">
        {q.reasons.map((r) => (
          <span
            class="badge conflict"
            title={
              r.reason === 'unsupported'
                ? 'No source found when it was posted'
                : `Flag weight ${r.weight} (new accounts' flags weigh ${0.5})`
            }
          >
            {REASON_LABELS[r.reason] ?? r.reason}
            {r.count > 1 ? ` ×${r.count}` : ''}
          </span>
        ))}{' '}
        <span class="meta">
          reach {q.signals.reach} · disagreement {q.signals.disagreement} · since{' '}
          <TimeAgo date={q.since} now={props.now} />
        </span>
      </p>
      {q.flags
        .filter((f) => f.detail)
        .map((f) => (
          <p class="meta flag-detail">
            “{f.detail}” ({REASON_LABELS[f.reason]})
          </p>
        ))}
      {q.context.snippets.map((s) => (
        <SnippetQuote s={s} />
      ))}
      {q.context.body !== null ? (
        <blockquote class="comment-text">
          {q.context.body.length > 600 ? `${q.context.body.slice(0, 600)}…` : q.context.body}
        </blockquote>
      ) : null}
      {q.context.commentFigures.length ? (
        <p class="meta">
          Figures in it:{' '}
          {q.context.commentFigures.map((f) => (
            <span class="chip-inline">
              {f.figureId ? (
                <a href={`/figures/${f.figureId}`}>
                  {f.subject ?? 'unattributed'} {formatValue(f)}
                </a>
              ) : (
                <>{formatValue(f)}</>
              )}{' '}
              <StatusBadge status={f.status} />{' '}
            </span>
          ))}
        </p>
      ) : null}
      {t.figureId !== null ? <LedgerEntries ledger={q.context.ledger} related={q.context.related} /> : null}
      {q.context.storyArticles.length ? (
        <p class="meta">
          Articles: {q.context.storyArticles.map((a) => `#${a.articleId} ${a.title}`).join(' · ')}
          {q.context.mergeSuggestion ? (
            <>
              {' '}
              · flagged as a duplicate of{' '}
              <a href={`/stories/${q.context.mergeSuggestion}`}>story #{q.context.mergeSuggestion}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {props.resolved ? null : <ActionForm q={q} draft={props.draft ?? {}} />}
    </li>
  );
}

function SnippetQuote(props: { s: Snippet }) {
  return (
    <blockquote class="in-context">
      {props.s.before}
      <mark>{props.s.quote}</mark>
      {props.s.after} <a href={props.s.href}>{props.s.label}</a>
    </blockquote>
  );
}

function LedgerEntries(props: { ledger: LedgerClaim[]; related: LedgerClaim[] }) {
  if (props.ledger.length) {
    return (
      <div class="ledger-entries">
        <p class="meta">In the ledger:</p>
        <ul>
          {props.ledger.slice(0, 5).map((c) => (
            <Entry c={c} />
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div class="ledger-entries">
      <p class="meta">
        No article states this figure.{props.related.length ? ' Nearest entries of the same measure:' : ''}
      </p>
      {props.related.length ? (
        <ul>
          {props.related.map((c) => (
            <Entry c={c} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Entry(props: { c: LedgerClaim }) {
  const c = props.c;
  return (
    <li>
      <a
        href={
          c.source.kind === 'article'
            ? `/articles/${c.source.articleId}#claim-${c.claimId}`
            : `/comments/${c.source.commentId}`
        }
      >
        {sourceName(c)}
      </a>
      : {c.subject} · {METRIC_LABELS[measureOf(c)] ?? measureOf(c)} · <strong>{formatValue(c)}</strong>
      {c.period ? ` (${c.period})` : ''} <q>{c.quote}</q>
    </li>
  );
}

/** One form for every action of the item; the fields an action does not use are ignored. Works without JS. */
function ActionForm(props: { q: QueueItem; draft: ActionDraft }) {
  const { q, draft } = props;
  const id = (n: string) => `${n}-${q.key}`;
  const actions = ACTIONS[q.item.kind];
  return (
    <form
      class="mod-action"
      method="post"
      action="/moderation/actions"
      hx-post="/moderation/actions"
      hx-target={`#row-${q.key}`}
      hx-swap="outerHTML"
      hx-include="#queue-state"
    >
      <CsrfField />
      <input type="hidden" name="item" value={q.key} />
      <label for={id('action')}>Action</label>
      <select id={id('action')} name="action">
        {actions.map((a) => (
          <option value={a} selected={a === draft.action}>
            {ACTION_LABELS[a]}
          </option>
        ))}
      </select>
      {actions.includes('set_status') ? (
        <>
          <label for={id('status')}>Status</label>
          <select id={id('status')} name="status">
            {FIGURE_STATUSES.filter((s) => s !== 'unreviewed').map((s) => (
              <option value={s} selected={s === (draft.status ?? 'disputed')}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <label for={id('source')}>Source link (needed for verified / incorrect)</label>
          <input
            id={id('source')}
            type="url"
            name="source_url"
            placeholder="https://…"
            value={draft.sourceUrl || undefined}
          />
        </>
      ) : null}
      {actions.includes('suspend_user') ? (
        <>
          <label for={id('days')}>Suspend for (days)</label>
          <input id={id('days')} type="number" name="days" min={1} max={365} value={draft.days || '7'} />
        </>
      ) : null}
      {actions.includes('merge_story') ? (
        <>
          <label for={id('into')}>Merge into story #</label>
          <input
            id={id('into')}
            type="number"
            name="into"
            min={1}
            value={draft.into ?? (q.context.mergeSuggestion ? String(q.context.mergeSuggestion) : '')}
          />
          <label for={id('article')}>Split off article</label>
          <select id={id('article')} name="article">
            {q.context.storyArticles.map((a) => (
              <option value={String(a.articleId)} selected={String(a.articleId) === draft.article}>
                #{a.articleId} {a.title}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label for={id('reason')}>Reason (public, in the moderation log)</label>
      <textarea id={id('reason')} name="reason" rows={2} required maxlength={1000}>
        {draft.reason ?? ''}
      </textarea>
      <button type="submit">Apply</button>
    </form>
  );
}
