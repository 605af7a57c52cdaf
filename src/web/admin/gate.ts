import type { Context } from 'hono';
import type { CurrentUser } from '../../accounts/accounts.ts';
import { loginRedirect } from '../discussion/lookups.ts';
import { AppError } from '../../errors.ts';

/** /admin and below: anonymous visitors are sent to log in (a Response), non-admins get 403, admins pass. */
export function requireAdmin(c: Context): CurrentUser | Response {
  const user = c.get('user');
  if (!user) return loginRedirect(c);
  if (user.role !== 'admin') throw new AppError('forbidden', 'Only admins can see the admin pages.', { status: 403 });
  return user;
}
