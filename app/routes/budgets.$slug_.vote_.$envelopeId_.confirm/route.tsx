import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { requireAudience } from "~/modules/auth/guards.server";
import { submitBallot } from "~/modules/budgets/commands.server";
import { getBallotConfirmation, getCycleBySlug } from "~/modules/budgets/queries.server";
import { ConfirmBallotSchema } from "~/modules/budgets/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound } from "~/utils/respond.server";
import { envelopeLabel } from "~/modules/budgets/envelope-name";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t, locale } = await getRequestT(request);
  const cycle = params.slug ? getCycleBySlug(context.db, params.slug) : null;
  if (!cycle) notFound();
  const envelopeId = idParam(params.envelopeId);
  const page = getBallotConfirmation(context.db, user.id, cycle, envelopeId);
  if (!page) notFound();
  // Nothing to confirm: back to choosing (the recorded ballot, if any, is unchanged).
  if (!page.draft) throw redirect(`/budgets/${cycle.slug}/vote/${envelopeId}`);
  const envelopeName = envelopeLabel(page.envelope, locale, t);
  return { title: t("budgets.confirm.title"), cycle: { slug: cycle.slug, name: cycle.name, currency: cycle.currency }, envelopeId, envelopeName, method: cycle.method, chosen: page.draft.chosen, token: page.draft.token, refusal: page.refusal, recorded: page.recorded };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const cycle = params.slug ? getCycleBySlug(context.db, params.slug) : null;
  if (!cycle) notFound();
  const envelopeId = idParam(params.envelopeId);
  const parsed = ConfirmBallotSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "errors.invalidRequest" }, { status: 400 });
  const outcome = submitBallot(context.db, user, envelopeId, parsed.data.token);
  if (!outcome.ok) {
    const error = outcome.fieldErrors ? Object.values(outcome.fieldErrors).flat()[0] : encodeMessage(outcome);
    return data({ error }, { status: REFUSAL_STATUS[outcome.code] });
  }
  return redirect(`/budgets/${cycle.slug}/ballot?recorded=${envelopeId}`, { status: 303 });
}

/** The last step: the choices as they will be recorded, and one button that records them. */
export default function ConfirmBallotPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useMessage();
  const { cycle, envelopeId, envelopeName, method, chosen, token, refusal, recorded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const money = (n: number) => format.moneyIn(n, cycle.currency);
  const back = `/budgets/${cycle.slug}/vote`;
  return (
    <section className="narrow">
      <h1>{t("budgets.confirm.heading", { envelope: envelopeName })}</h1>
      <p>{t("budgets.confirm.intro", { cycle: cycle.name })}</p>
      {recorded ? <p className="alert">{t("budgets.confirm.replaces", { code: recorded.receiptCode })}</p> : <p className="alert">{t("budgets.confirm.notYet")}</p>}
      <table>
        <caption>{t("budgets.confirm.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("budgets.confirm.project")}</th>
            <th scope="col">{t("budgets.confirm.cost")}</th>
            {method === "tokens" ? <th scope="col">{t("budgets.confirm.tokens")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {chosen.map((c) => (
            <tr key={c.id}>
              <td>{c.title}</td>
              <td>{money(c.cost)}</td>
              {method === "tokens" ? <td>{format.number(c.tokens)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {refusal ? <FormAlert message={message(refusal)} /> : null}
      {result?.error ? <FormAlert message={message(result.error)} /> : null}
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={!!refusal}>
            {t("budgets.confirm.submit")}
          </button>
          <Link to={`${back}/${envelopeId}`}>{t("budgets.confirm.change")}</Link>
        </div>
      </Form>
    </section>
  );
}
