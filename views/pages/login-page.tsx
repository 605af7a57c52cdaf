import { Layout } from '../layout.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';

export type AuthFormProps = {
  /** What the visitor typed, shown again after an error (never the password). */
  username?: string;
  error?: string | null;
  /** Where to go after success: a local path. */
  next?: string;
};

export function LoginPage(props: AuthFormProps) {
  return (
    <Layout title="Log in">
      <h1>Log in</h1>
      <AuthForm {...props} action="/login" submit="Log in" autocomplete="current-password" />
      <p>
        No account yet? <a href={`/signup${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}>Sign up</a>.
      </p>
    </Layout>
  );
}

export function SignupPage(props: AuthFormProps) {
  return (
    <Layout title="Sign up">
      <h1>Sign up</h1>
      <p class="meta">
        Pick a name (2–24 letters, digits, "_" or "-") and a password of at least 10 characters. No e-mail needed. New
        accounts show in green for a week and may comment a little less often.
      </p>
      <AuthForm {...props} action="/signup" submit="Create account" autocomplete="new-password" />
      <p>
        Already have an account?{' '}
        <a href={`/login${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`}>Log in</a>.
      </p>
    </Layout>
  );
}

function AuthForm(props: AuthFormProps & { action: string; submit: string; autocomplete: string }) {
  return (
    <form method="post" action={props.action} class="auth">
      <CsrfField />
      {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
      {props.error ? (
        <p class="error" role="alert" id="auth-error">
          {props.error}
        </p>
      ) : null}
      <label>
        Username
        <input
          name="username"
          value={props.username ?? ''}
          required
          minlength={2}
          maxlength={24}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          aria-describedby={props.error ? 'auth-error' : undefined}
        />
      </label>
      <label>
        Password
        <input type="password" name="password" required autocomplete={props.autocomplete} maxlength={200} />
      </label>
      <button type="submit">{props.submit}</button>
    </form>
  );
}
