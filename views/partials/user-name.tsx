/** A username linking to its profile; accounts younger than a week show in green, as on Hacker News. */
export function UserName(props: { username: string; isNew: boolean }) {
  return (
    <a class={props.isNew ? 'user new-user' : 'user'} href={`/users/${encodeURIComponent(props.username)}`} title={props.isNew ? 'New account (less than a week old)' : undefined}>
      {props.username}
    </a>
  );
}
