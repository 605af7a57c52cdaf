import { usePage } from '../page-context.ts';

/** The hidden `_csrf` field every POST form carries (htmx sends the same token as a header). */
export function CsrfField() {
  const token = usePage().csrfToken;
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}
