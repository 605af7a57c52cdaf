import type { Context } from 'hono';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { idParam } from '../http/render.ts';
import * as Comments from '../../discussion/comments.ts';

/** Small lookups the discussion routes share: each answers 404 rather than returning nothing. */
type Deps = { db: Db };

export function idOr404(raw: string | undefined): number {
  const id = idParam(raw);
  if (id === undefined) throw new AppError('not_found', 'There is nothing at this address.', { status: 404 });
  return id;
}

export async function commentOr404(deps: Deps, commentId: number): Promise<Comments.CommentView> {
  const comment = await Comments.byId(deps.db, commentId);
  if (!comment) throw new AppError('not_found', 'No such comment.', { status: 404 });
  return comment;
}

export async function storyOf(
  deps: Deps,
  storyId: number,
): Promise<{ storyId: number; title: string; commentCount: number }> {
  const story = await Comments.storyRef(deps.db, storyId);
  if (!story) throw new AppError('not_found', 'No such story.', { status: 404 });
  return story;
}

export function loginRedirect(c: Context): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}
