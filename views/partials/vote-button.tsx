import { CsrfField } from './csrf-field.tsx';

export type VoteButtonProps = {
  /** POST target, e.g. /comments/12/vote. */
  action: string;
  voted: boolean;
  /** What is voted on, for screen readers: "this comment", "this story". */
  what: string;
  /** Shown beside the button (stories show their points; comment scores stay hidden). */
  points?: number;
  error?: string | null;
};

/**
 * An upvote that is a real form: without JS it posts and redirects back; with htmx the form
 * replaces itself. It sends the state wanted ("up"/"un"), so a repeated submit changes nothing.
 */
export function VoteButton(props: VoteButtonProps) {
  return (
    <form class="vote" method="post" action={props.action} hx-post={props.action} hx-target="this" hx-swap="outerHTML">
      <CsrfField />
      <input type="hidden" name="dir" value={props.voted ? 'un' : 'up'} />
      <button
        type="submit"
        class={props.voted ? 'vote-button voted' : 'vote-button'}
        aria-pressed={props.voted ? 'true' : 'false'}
        aria-label={`${props.voted ? 'Remove your upvote from' : 'Upvote'} ${props.what}`}
      >
        <span aria-hidden="true">▲</span> {props.voted ? 'Voted' : 'Upvote'}
      </button>
      {props.points !== undefined ? (
        <span class="points">
          {props.points} {props.points === 1 ? 'point' : 'points'}
        </span>
      ) : null}
      {props.error ? (
        <span class="error" role="alert">
          {' '}
          {props.error}
        </span>
      ) : null}
    </form>
  );
}
