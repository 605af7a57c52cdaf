import { Hono } from 'hono';
import { requireUser } from '../accounts/middleware.ts';
import type { WebDeps } from '../deps.ts';
import { loginRedirect } from '../discussion/lookups.ts';
import { AppError } from '../../errors.ts';
import { chargeAction } from '../http/action-limits.ts';
import { formFields } from '../http/form.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { isFormError } from '../../input-error.ts';
import { FlagForm, FlagPage, type FlagFormState } from '../../../views/pages/flag-page.tsx';
import * as Flags from '../../moderation/flags.ts';
import { describe } from '../../moderation/targets.ts';

/** Any signed-in reader flags a comment, an article's figure or a story (charged like a vote). */
export function flagRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  const props = async (kindRaw: string | undefined, idRaw: string | undefined) => {
    const id = idParam(idRaw);
    if (!kindRaw || !Flags.isFlagTarget(kindRaw) || id === undefined)
      throw new AppError('not_found', 'That cannot be flagged.', { status: 404 });
    const target = await describe(deps.db, { kind: kindRaw, id });
    return { kind: kindRaw, id, label: target.label, backHref: target.path };
  };

  app.get('/flags/new', async (c) => {
    const p = await props(c.req.query('kind'), c.req.query('id'));
    if (!c.get('user')) return loginRedirect(c);
    return isHtmx(c) ? renderFragment(c, <FlagForm {...p} />) : renderPage(c, <FlagPage {...p} />);
  });

  app.post('/flags', async (c) => {
    const user = requireUser(c, 'Log in to flag.');
    const form = await formFields(c);
    const p = await props(form.kind, form.id);
    const state: FlagFormState = { reason: form.reason, detail: form.detail ?? '', mergeInto: form.merge_into ?? '' };
    try {
      await chargeAction(c, deps.limits, 'vote', { user });
      await Flags.raise(deps.db, {
        user,
        targetKind: p.kind,
        targetId: p.id,
        reason: form.reason ?? '',
        detail: form.detail || null,
        mergeTargetId: idParam(form.merge_into) ?? null,
        now: deps.now(),
      });
    } catch (err) {
      if (!isFormError(err)) throw err;
      const withError = { ...p, ...state, error: err.userMessage };
      return isHtmx(c)
        ? renderFragment(c, <FlagForm {...withError} />, err.status)
        : renderPage(c, <FlagPage {...withError} />, err.status);
    }
    return isHtmx(c) ? renderFragment(c, <FlagForm {...p} {...state} done />, 201) : c.redirect(p.backHref, 303);
  });

  return app;
}
