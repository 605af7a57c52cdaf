import { createContext, useContext } from 'hono/jsx';
import type { CurrentUser } from '../src/accounts/accounts.ts';

/** What every page knows about the request: provided once by renderPage/renderFragment, read by the layout and forms. */
export type PageContextValue = {
  csrfToken?: string;
  user?: Pick<CurrentUser, 'userId' | 'username' | 'role' | 'isNew'> | null;
  /** Path and query of this request, for "log in and come back" links. */
  path?: string;
  /** Unread replies and mentions, for the account menu. */
  inboxUnread?: number;
};

export const PageContext = createContext<PageContextValue>({});

export const usePage = (): PageContextValue => useContext(PageContext);
