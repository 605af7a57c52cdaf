import { DELETED_NAME } from '../../src/accounts/accounts.ts';

/**
 * A username linking to its profile; accounts younger than a week show in green, as on Hacker News.
 * A deleted account's name arrives as "[deleted]" (Accounts.publicName) and links nowhere.
 */
export function UserName(props: { username: string; isNew: boolean }) {
  if (props.username === DELETED_NAME) return <span class="deleted-author">{DELETED_NAME}</span>;
  return (
    <a
      class={props.isNew ? 'user new-user' : 'user'}
      href={`/users/${encodeURIComponent(props.username)}`}
      title={props.isNew ? 'New account (less than a week old)' : undefined}
    >
      {props.username}
    </a>
  );
}
