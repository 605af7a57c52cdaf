import { Hono } from 'hono';
import type { WebDeps } from '../deps.ts';
import { requireUser } from '../accounts/middleware.ts';
import { figureOr404 } from '../claims/routes.tsx';
import { chargeAction } from '../http/action-limits.ts';
import { formFields } from '../http/form.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { isFormError } from '../../input-error.ts';
import { FigurePage } from '../../../views/pages/figure-page.tsx';
import { StancesSection, WatchButton, type StanceFormState } from '../../../views/partials/figure-review.tsx';
import { reviewOf } from '../../crosscheck/figure-review.ts';
import * as Notices from '../../crosscheck/notices.ts';
import * as Stances from '../../crosscheck/stances.ts';

/** Taking a stance on a figure (a reply in its thread) and watching it: htmx fragments, or PRG without JS. */
export function crosscheckRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.post('/figures/:id/stances', async (c) => {
    const { figure, claims } = await figureOr404(deps, c.req.param('id'));
    const user = requireUser(c, 'Log in to take a stance.');
    const form = await formFields(c);
    const state: StanceFormState = {
      stance: form.stance,
      text: form.text ?? '',
      evidenceUrl: form.evidence_url ?? '',
      evidenceQuote: form.evidence_quote ?? '',
    };
    const parentId = idParam(form.parent) ?? null;
    try {
      await chargeAction(c, deps.limits, 'comment', { user });
      const taken = await Stances.take(deps.db, {
        figureId: figure.figureId,
        user,
        stance: form.stance ?? '',
        text: state.text!,
        evidenceUrl: state.evidenceUrl?.trim() || null,
        evidenceQuote: state.evidenceQuote?.trim() || null,
        parentId,
        now: deps.now(),
      });
      if (!isHtmx(c)) return c.redirect(`/figures/${figure.figureId}#stance-${taken.stance.stanceId}`, 303);
      const review = await reviewOf(deps.db, figure.figureId, user.userId);
      return renderFragment(c, <StancesSection figureId={figure.figureId} review={review} now={deps.now()} />, 201);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const review = await reviewOf(deps.db, figure.figureId, user.userId);
      const withError = { ...state, error: err.userMessage };
      if (isHtmx(c))
        return renderFragment(
          c,
          <StancesSection
            figureId={figure.figureId}
            review={review}
            now={deps.now()}
            form={withError}
            parentId={parentId}
          />,
          err.status,
        );
      return renderPage(
        c,
        <FigurePage
          figure={figure}
          claims={claims}
          review={review}
          stanceForm={withError}
          replyTo={parentId}
          now={deps.now()}
        />,
        err.status,
      );
    }
  });

  app.post('/figures/:id/watch', async (c) => {
    const { figure } = await figureOr404(deps, c.req.param('id'));
    const user = requireUser(c, 'Log in to watch a figure.');
    const watching = await Notices.watch(deps.db, {
      userId: user.userId,
      figureId: figure.figureId,
      on: (await formFields(c)).watch !== 'off',
    });
    if (isHtmx(c)) return renderFragment(c, <WatchButton figureId={figure.figureId} watching={watching} />);
    return c.redirect(`/figures/${figure.figureId}`, 303);
  });

  return app;
}
