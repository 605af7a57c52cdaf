import { Layout } from '../layout.tsx';

export function ErrorPage(props: { status: number; message: string }) {
  const title =
    props.status === 404
      ? 'Not found'
      : props.status === 403
        ? 'Not allowed'
        : props.status < 500
          ? 'Cannot do that'
          : 'Something went wrong';
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="error" role="alert">
        {props.message}
      </p>
      <p>
        <a href="/">Back to the front page</a>
      </p>
    </Layout>
  );
}

/** The same message as a fragment, for htmx requests that target an inline error slot. */
export function ErrorFragment(props: { message: string }) {
  return (
    <p class="error" role="alert">
      {props.message}
    </p>
  );
}
