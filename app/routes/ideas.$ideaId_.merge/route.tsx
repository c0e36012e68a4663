import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { Field, FieldErrors } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { mergeIdea, unmergeIdea } from "~/modules/ideas/merge.server";
import { getMergePage } from "~/modules/ideas/queries.server";
import { MergeActionSchema } from "~/modules/ideas/validation";
import { useZodForm } from "~/utils/forms";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "staff" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "staff");
  const page = getMergePage(context.db, idParam(params.ideaId), user);
  if (!page) notFound();
  const { t } = await getRequestT(request);
  return { title: t("merge.title"), ...page };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "staff");
  const submission = parseWithZod(await readForm(request), { schema: MergeActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const outcome = input.intent === "merge" ? mergeIdea(context.db, user, { duplicateId: ideaId, originalId: input.originalId, note: input.note }) : unmergeIdea(context.db, user, ideaId);
  if (!outcome.ok) {
    const reply = submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.fieldErrors ? undefined : [encodeMessage(outcome)] });
    return data({ result: reply }, { status: REFUSAL_STATUS[outcome.code] });
  }
  return redirect(`/ideas/${ideaId}`, { status: 303 });
}

/** Marking an idea as a duplicate of another and merging it (or undoing a wrong merge). */
export default function MergePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { idea, suggestions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useZodForm(MergeActionSchema, reply?.result, "merge", { intent: "merge" });
  return (
    <section className="narrow-wide">
      <h1>{t("merge.title")}</h1>
      <article className="card">
        <h2>
          <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
        </h2>
        <p className="meta">
          <StatusBadge status={idea.status} /> · #{idea.id} · {t("ideas.supportCount", { count: idea.upCount, formatted: format.number(idea.upCount) })}
        </p>
      </article>
      {idea.status === "merged" ? (
        <Form method="post">
          <FieldErrors id={form.errorId} errors={form.errors} />
          <p>{t("merge.undoExplained")}</p>
          <button type="submit" name="intent" value="unmerge" className="button button-danger">
            {t("merge.undo")}
          </button>
        </Form>
      ) : (
        <>
          <p>{t("merge.explained")}</p>
          {suggestions.length ? (
            <>
              <h2>{t("merge.suggestions")}</h2>
              <ul className="compact-list">
                {suggestions.map((s) => (
                  <li key={s.id}>
                    #{s.id} <Link to={`/ideas/${s.id}`}>{s.title}</Link> <span className="meta">({t("ideas.supportCount", { count: s.upCount, formatted: format.number(s.upCount) })})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <FieldErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="merge" />
            <Field id={fields.originalId.id} label={t("merge.original")} errors={fields.originalId.errors} errorId={fields.originalId.errorId} hint={t("merge.originalHint")} hintId={`${fields.originalId.id}-hint`}>
              <input {...getInputProps(fields.originalId, { type: "text" })} inputMode="numeric" autoComplete="off" />
            </Field>
            <Field id={fields.note.id} label={t("merge.note")} errors={fields.note.errors} errorId={fields.note.errorId} hint={t("merge.noteHint")} hintId={`${fields.note.id}-hint`}>
              <textarea {...getTextareaProps(fields.note)} rows={3} maxLength={2000} />
            </Field>
            <button type="submit" className="button">
              {t("merge.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
