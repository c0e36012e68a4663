import { getFormProps, getTextareaProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { Markdown } from "~/modules/markdown/markdown";
import { decideCase, sanctionAuthor } from "~/modules/moderation/commands.server";
import { LIKELY_SPAM } from "~/modules/moderation/kinds";
import { canDecideCase } from "~/modules/moderation/policy";
import { getCase } from "~/modules/moderation/queries.server";
import { CaseDecisionSchema, SanctionSchema, SILENCE_DAYS_MAX } from "~/modules/moderation/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { replyWithRefusal } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";
import { readForm } from "~/utils/request-body.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "moderation" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "moderation");
  const { t } = await getRequestT(request);
  const found = getCase(context.db, idParam(params.caseId));
  if (!found) notFound();
  const verdict = canDecideCase(user, found, found.reviewOf);
  return { title: t("moderation.case.title", { id: found.id }), found, verdict, now: new Date().toISOString() };
}

/** One form per decision; `form` says which, so each shows its own errors and keeps its own text. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "moderation");
  const formData = await readForm(request);
  formData.set("caseId", String(idParam(params.caseId)));
  if (formData.get("sanction")) {
    const submission = parseWithZod(formData, { schema: SanctionSchema });
    if (submission.status !== "success") return data({ form: "sanction", result: submission.reply() }, { status: 400 });
    const outcome = sanctionAuthor(context.db, user, submission.value);
    if (!outcome.ok) return data({ form: "sanction", result: replyWithRefusal(submission, outcome) }, { status: REFUSAL_STATUS[outcome.code] });
    return { form: "sanction", result: submission.reply({ resetForm: true }), done: "sanctioned" as const };
  }
  const form = String(formData.get("action") ?? "");
  const submission = parseWithZod(formData, { schema: CaseDecisionSchema });
  if (submission.status !== "success") return data({ form, result: submission.reply() }, { status: 400 });
  const outcome = decideCase(context.db, user, submission.value);
  if (!outcome.ok) return data({ form, result: replyWithRefusal(submission, outcome) }, { status: REFUSAL_STATUS[outcome.code] });
  return { form, result: submission.reply({ resetForm: true }), done: "decided" as const };
}

type Reply = ReturnType<typeof useActionData<typeof action>>;

function DecisionForm({ caseId, action, reply, needsReason, label, destructive }: { caseId: number; action: "hide" | "needs_changes" | "restore" | "dismiss"; reply: Reply; needsReason: boolean; label: string; destructive: boolean }) {
  const { t } = useTranslation();
  const result = reply?.form === action && !("done" in reply) ? reply.result : undefined;
  const [form, fields] = useZodForm(CaseDecisionSchema, result, `decide-${action}`);
  const reason = fields.reason as typeof fields.reason;
  const confirm = (fields as Record<string, typeof fields.reason>).confirm;
  return (
    <Form method="post" {...getFormProps(form)} className="decision">
      <FieldErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="action" value={action} />
      {/* The browser's check reads the whole schema; the action takes the case from the address. */}
      <input type="hidden" name="caseId" value={caseId} />
      <Field id={reason.id} label={t(needsReason ? "moderation.case.publicReason" : "moderation.case.optionalReason")} errors={reason.errors} errorId={reason.errorId} hint={t("moderation.case.reasonHint")} hintId={`${reason.id}-hint`}>
        <textarea {...getTextareaProps(reason)} rows={2} required={needsReason} />
      </Field>
      {destructive && confirm ? (
        <div className="field checkbox">
          <input {...getInputProps(confirm, { type: "checkbox", value: "yes" })} aria-describedby={confirm.errors ? confirm.errorId : undefined} />
          <label htmlFor={confirm.id}>{t("moderation.case.confirm", { action: label })}</label>
          <FieldErrors id={confirm.errorId} errors={confirm.errors} />
        </div>
      ) : null}
      <button type="submit" className={destructive ? "button button-danger" : "button button-secondary"}>
        {label}
      </button>
    </Form>
  );
}

function SanctionForm({ caseId, reply }: { caseId: number; reply: Reply }) {
  const { t } = useTranslation();
  const result = reply?.form === "sanction" && !("done" in reply) ? reply.result : undefined;
  const [form, fields] = useZodForm(SanctionSchema, result, "sanction");
  const f = fields as unknown as Record<"days" | "reason" | "confirm" | "sanction", (typeof fields)["reason"]>;
  return (
    <Form method="post" {...getFormProps(form)} className="decision">
      <FieldErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="caseId" value={caseId} />
      <fieldset>
        <legend>{t("moderation.case.sanction")}</legend>
        <label>
          <input type="radio" name="sanction" value="silence" defaultChecked /> {t("moderation.case.silence")}
        </label>
        <label>
          <input type="radio" name="sanction" value="suspend" /> {t("moderation.case.suspend")}
        </label>
      </fieldset>
      <Field id={f.days.id} label={t("moderation.case.days", { max: SILENCE_DAYS_MAX })} errors={f.days.errors} errorId={f.days.errorId}>
        <input {...getInputProps(f.days, { type: "text" })} inputMode="numeric" defaultValue={f.days.initialValue ?? "7"} />
      </Field>
      <Field id={f.reason.id} label={t("moderation.case.publicReason")} errors={f.reason.errors} errorId={f.reason.errorId}>
        <textarea {...getTextareaProps(f.reason)} rows={2} />
      </Field>
      <div className="field checkbox">
        <input {...getInputProps(f.confirm, { type: "checkbox", value: "yes" })} aria-describedby={f.confirm.errors ? f.confirm.errorId : undefined} />
        <label htmlFor={f.confirm.id}>{t("moderation.case.confirmSanction")}</label>
        <FieldErrors id={f.confirm.errorId} errors={f.confirm.errors} />
      </div>
      <button type="submit" className="button button-danger">
        {t("moderation.case.applySanction")}
      </button>
    </Form>
  );
}

export default function ModerationCasePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { found: c, verdict, now } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const open = c.status === "open";
  const itemUrl = c.targetType === "idea" ? `/ideas/${c.ideaId}` : `/ideas/${c.ideaId}#comment-${c.targetId}`;
  return (
    <section>
      <p>
        <Link to="/moderation">{t("moderation.case.back")}</Link>
      </p>
      <h1>{c.targetType === "idea" ? t("moderation.caseIdea", { title: c.ideaTitle }) : t("moderation.caseComment", { title: c.ideaTitle })}</h1>
      <p className="meta">
        {t(`moderation.kinds.${c.kind}`)} · {t("moderation.score", { score: format.number(c.score) })} · {t("moderation.reports", { count: c.reportCount })} · {t("moderation.opened", { time: format.dateTime(c.openedAt) })}
        {c.hidden ? <strong> · {t(`moderation.hiddenState.${c.hidden.kind}`)}</strong> : null}
      </p>
      {reply && "done" in reply ? <FormAlert tone="success" message={t(reply.done === "decided" ? "moderation.case.decided" : "moderation.case.sanctioned")} /> : null}
      {!open ? <FormAlert tone="success" message={t("moderation.case.closed", { time: c.decidedAt ? format.dateTime(c.decidedAt) : "" })} /> : null}
      {c.reviewOf ? (
        <p className="alert">
          {t("moderation.case.reviewOf", { action: t(`moderation.log.actions.${c.reviewOf.action}`), time: format.dateTime(c.reviewOf.createdAt), reason: c.reviewOf.publicReason ?? "" })}
        </p>
      ) : null}

      <h2>{t("moderation.case.content")}</h2>
      <div className="card">
        <Markdown html={c.html} className="prose" />
        <p>
          <Link to={itemUrl}>{t("moderation.case.inContext")}</Link>
        </p>
      </div>
      <p>
        {c.spamScore >= LIKELY_SPAM ? <strong className="overdue">{t("moderation.likelySpam", { score: c.spamScore })}</strong> : t("moderation.spamScore", { score: c.spamScore })}
        {c.spamSignals.length ? ` (${c.spamSignals.map((s) => t(`moderation.signals.${s.split(":")[0]}`, { value: s.split(":").slice(1).join(":") })).join("; ")})` : null}
      </p>

      {c.author ? (
        <>
          <h2>{t("moderation.case.authorTitle")}</h2>
          <p>
            {t("moderation.author", { name: shownName(c.author.name, t), since: format.date(c.author.since) })}
            {c.author.silencedUntil && new Date(c.author.silencedUntil) > new Date(now) ? ` · ${t("moderation.silencedUntil", { time: format.dateTime(c.author.silencedUntil) })}` : null}
            {c.author.suspended ? ` · ${t("moderation.suspended")}` : null}
          </p>
          {c.history.length ? (
            <ul>
              {c.history.map((h) => (
                <li key={h.id}>
                  {format.date(h.createdAt)}: {t(`moderation.log.actions.${h.action}`)} ({t(`moderation.log.targets.${h.targetType}`)}){h.publicReason ? `: ${h.publicReason}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("moderation.case.noHistory")}</p>
          )}
        </>
      ) : null}

      <h2>{t("moderation.case.reportsTitle")}</h2>
      {c.reports.length === 0 ? <p>{t("moderation.case.noReports")}</p> : null}
      {c.reports.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("moderation.case.reporter")}</th>
              <th scope="col">{t("moderation.reason")}</th>
              <th scope="col">{t("moderation.case.note")}</th>
              <th scope="col">{t("moderation.case.weight")}</th>
              <th scope="col">{t("moderation.case.when")}</th>
            </tr>
          </thead>
          <tbody>
            {c.reports.map((r) => (
              <tr key={r.id}>
                <td>
                  {shownName(r.reporterName, t)}
                  <div className="meta">{t("moderation.memberSince", { since: format.date(r.reporterSince) })}</div>
                </td>
                <td>{t(`reports.reasons.${r.reason}`)}</td>
                <td>{r.note}</td>
                <td>{format.number(r.weight)}</td>
                <td>{format.dateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {open ? (
        <>
          <h2>{t("moderation.case.decide")}</h2>
          {verdict !== "yes" ? (
            <FormAlert message={t(`errors.moderation.${verdict}`)} />
          ) : (
            <div className="decisions">
              <DecisionForm caseId={c.id} action="hide" reply={reply} needsReason destructive label={t(c.hidden ? "moderation.case.keepHidden" : "moderation.case.hide")} />
              {c.targetType === "idea" ? <DecisionForm caseId={c.id} action="needs_changes" reply={reply} needsReason destructive label={t("moderation.case.needsChanges")} /> : null}
              {c.hidden ? (
                <DecisionForm caseId={c.id} action="restore" reply={reply} needsReason={false} destructive={false} label={t("moderation.case.restore")} />
              ) : (
                <DecisionForm caseId={c.id} action="dismiss" reply={reply} needsReason={false} destructive={false} label={t("moderation.case.dismiss")} />
              )}
              {c.targetType === "idea" ? (
                <p>
                  <Link to={`/ideas/${c.ideaId}/merge`}>{t("moderation.case.merge")}</Link>
                </p>
              ) : null}
              {c.author?.role === "resident" ? <SanctionForm caseId={c.id} reply={reply} /> : null}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
