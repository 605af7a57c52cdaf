import { raw } from 'hono/html';
import { CsrfField } from './csrf-field.tsx';
import { FigureChecks, type FigureCheckView } from './figure-check.tsx';

export type CommentFormProps = {
  /** Where the form posts: /stories/:id/comments (new and reply) or /comments/:id/edit. */
  action: string;
  /** The element htmx swaps with the answer: the slot the form sits in. */
  target: string;
  swap?: 'innerHTML' | 'outerHTML';
  /** Unique on the page: ids of the textarea and preview. */
  formKey: string;
  parentId?: number | null;
  submitLabel: string;
  /** What the user typed, shown again after an error or a preview. */
  text?: string;
  error?: string | null;
  /** Rendered (already sanitised) preview HTML. */
  previewHtml?: string | null;
  /** The preview's figures checked against the ledger (src/crosscheck). */
  previewChecks?: FigureCheckView[] | null;
  /** The story, sent with the live preview so figures that name nobody are read in the thread's context. */
  storyId?: number;
  /** Where "Cancel" goes without JS; app.js empties a reply slot instead. */
  cancelHref?: string;
  /** htmx request that restores the comment when an edit is cancelled. */
  cancelHxGet?: string;
  autofocus?: boolean;
};

/**
 * The comment box: markdown with a live preview (htmx posts the text as you type) and a Preview
 * button that works without JS. Errors show above the box and the typed text is kept.
 */
export function CommentForm(props: CommentFormProps) {
  const textId = `text-${props.formKey}`;
  const errorId = `error-${props.formKey}`;
  return (
    <form
      method="post"
      action={props.action}
      class="comment-form"
      hx-post={props.action}
      hx-target={props.target}
      hx-swap={props.swap ?? 'innerHTML'}
    >
      <CsrfField />
      {props.parentId ? <input type="hidden" name="parent" value={String(props.parentId)} /> : null}
      {props.storyId ? <input type="hidden" name="story" value={String(props.storyId)} /> : null}
      {props.error ? (
        <p class="error" role="alert" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <label for={textId} class="visually-hidden">
        Your comment
      </label>
      <textarea
        id={textId}
        name="text"
        rows={props.parentId ? 4 : 5}
        placeholder="Add to the discussion. Cite figures and sources where you can."
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errorId : undefined}
        autofocus={props.autofocus}
        hx-post="/comments/preview"
        hx-trigger="input changed delay:400ms"
        hx-target={`#preview-${props.formKey}`}
        hx-swap="innerHTML"
        hx-sync="closest form:abort"
      >
        {props.text ?? ''}
      </textarea>
      <div class="form-row">
        <button type="submit" name="intent" value="post">
          {props.submitLabel}
        </button>
        <button type="submit" name="intent" value="preview" class="secondary">
          Preview
        </button>
        {props.cancelHref ? (
          <a
            class="cancel"
            href={props.cancelHref}
            hx-get={props.cancelHxGet}
            hx-target={props.cancelHxGet ? props.target : undefined}
            hx-swap={props.cancelHxGet ? 'outerHTML' : undefined}
            data-cancel-reply={props.cancelHxGet ? undefined : ''}
          >
            Cancel
          </a>
        ) : null}
        <span class="hint">Markdown: *italic*, **bold**, `code`, &gt; quote, - lists, links, @name</span>
      </div>
      <div class="preview" id={`preview-${props.formKey}`} aria-live="polite">
        {props.previewHtml ? (
          <CommentPreview html={props.previewHtml} checks={props.previewChecks ?? undefined} />
        ) : null}
      </div>
    </form>
  );
}

export function CommentPreview(props: { html?: string; error?: string; checks?: FigureCheckView[] }) {
  if (props.error) return <p class="error">{props.error}</p>;
  if (!props.html) return null;
  return (
    <>
      <p class="preview-label">Preview</p>
      <div class="comment-body">{raw(props.html)}</div>
      {props.checks ? <FigureChecks checks={props.checks} /> : null}
    </>
  );
}
