import type { NotificationChoices } from '../../src/accounts/notification-choices.ts';
import { Layout } from '../layout.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';

export type SettingsProps = {
  username: string;
  choices: NotificationChoices;
  /** The confirmation after a change (Post/Redirect/Get: read from the query). */
  done?: string | null;
  passwordError?: string | null;
  deleteError?: string | null;
  /** What was typed into the deletion form's username box, kept after an error (never a password). */
  typedName?: string;
};

/** Account settings: password, notification choices, deleting the account. */
export function SettingsPage(props: SettingsProps) {
  return (
    <Layout title="Settings">
      <h1>Settings</h1>
      {props.done ? (
        <p class="notice" role="status" id="settings-done">
          {props.done}
        </p>
      ) : null}
      <PasswordForm error={props.passwordError} />
      <NotificationForm choices={props.choices} />
      <DeleteForm username={props.username} error={props.deleteError} typedName={props.typedName} />
    </Layout>
  );
}

function ErrorLine(props: { id: string; error?: string | null }) {
  return props.error ? (
    <p class="error" role="alert" id={props.id}>
      {props.error}
    </p>
  ) : null;
}

function PasswordForm(props: { error?: string | null }) {
  const describedBy = props.error ? 'password-error' : undefined;
  return (
    <section id="password" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <p class="meta">
        At least 10 characters, not containing your username. Your other sessions (other browsers and devices) are
        logged out; this one stays.
      </p>
      <form method="post" action="/settings/password" class="auth">
        <CsrfField />
        <ErrorLine id="password-error" error={props.error} />
        <label>
          Current password
          <input
            type="password"
            name="current"
            required
            autocomplete="current-password"
            maxlength={200}
            aria-describedby={describedBy}
          />
        </label>
        <label>
          New password
          <input type="password" name="password" required minlength={10} autocomplete="new-password" maxlength={200} />
        </label>
        <label>
          New password again
          <input type="password" name="confirm" required minlength={10} autocomplete="new-password" maxlength={200} />
        </label>
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}

const CHOICES: { name: keyof NotificationChoices; label: string }[] = [
  { name: 'reply', label: 'Replies to my comments' },
  { name: 'mention', label: '@mentions of my name' },
  { name: 'figureStatus', label: 'Review-status changes of figures I stated, took a stance on or watch' },
];

function NotificationForm(props: { choices: NotificationChoices }) {
  return (
    <section id="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Inbox notifications</h2>
      <p class="meta">
        What arrives in your inbox. Switching a kind off stops new notices of it; those already there stay. Moderators'
        warnings always arrive.
      </p>
      <form method="post" action="/settings/notifications">
        <CsrfField />
        {CHOICES.map((choice) => (
          <label class="checkbox">
            <input type="checkbox" name={choice.name} value="on" checked={props.choices[choice.name]} /> {choice.label}
          </label>
        ))}
        <button type="submit">Save notification choices</button>
      </form>
    </section>
  );
}

function DeleteForm(props: { username: string; error?: string | null; typedName?: string }) {
  return (
    <section id="delete" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete your account</h2>
      <p>Deleting your account cannot be undone. This is what happens:</p>
      <ul class="delete-terms">
        <li>
          <strong>Your comments stay, with their text</strong>, so replies to them still make sense; the author is shown
          as "[deleted]" and your profile page is gone. To remove a comment's text, delete that comment first (its
          "delete" link).
        </li>
        <li>
          <strong>Your votes and flags are removed</strong>: the points and flag counts they added come down.
        </li>
        <li>Your inbox, watched figures and reading history are erased, and every session of this account ends.</li>
        <li>
          The name <strong>{props.username}</strong> can never log in again, and nobody else can take it.
        </li>
      </ul>
      <form method="post" action="/settings/delete" class="auth">
        <CsrfField />
        <ErrorLine id="delete-error" error={props.error} />
        <label>
          Type your username to confirm
          <input
            name="username"
            value={props.typedName ?? ''}
            required
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            maxlength={24}
            aria-describedby={props.error ? 'delete-error' : undefined}
          />
        </label>
        <label>
          Your password
          <input type="password" name="password" required autocomplete="current-password" maxlength={200} />
        </label>
        <button type="submit" class="danger">
          Delete my account
        </button>
      </form>
    </section>
  );
}

/** Shown once the account is gone (the visitor is logged out by then). */
export function AccountDeletedPage() {
  return (
    <Layout title="Account deleted">
      <h1>Account deleted</h1>
      <p role="status">
        Your account was deleted and you are logged out. Your comments now show "[deleted]" as their author.
      </p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </Layout>
  );
}
