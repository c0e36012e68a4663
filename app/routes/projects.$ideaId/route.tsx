import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { ProgressBar } from "~/components/projects/progress-bar";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { getOptionalUser, requireAudience } from "~/modules/auth/guards.server";
import { isInAudience } from "~/modules/auth/policy";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { Markdown } from "~/modules/markdown/markdown";
import { postProjectUpdate } from "~/modules/projects/commands.server";
import { getProjectPage } from "~/modules/projects/queries.server";
import { ProjectUpdateSchema } from "~/modules/projects/validation";
import { MAX_PHOTOS } from "~/modules/uploads/images.server";
import { readPhotoForm } from "~/modules/uploads/photo-form.server";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context.db);
  const project = getProjectPage(context.db, idParam(params.ideaId));
  if (!project) notFound();
  return { title: project.title, project, canUpdate: isInAudience(user, "council") && project.status !== "completed", maxPhotos: MAX_PHOTOS };
}

type Reply = { fieldErrors: Record<string, string[]>; formError: string | null; typed: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "council");
  const form = await readPhotoForm(request);
  const source = form.ok ? form.formData : form.fields;
  const typed = Object.fromEntries([...source.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  if (!form.ok) return data<Reply>({ fieldErrors: { photos: [`errors.photo.${form.error}`] }, formError: null, typed }, { status: 413 });
  const submission = parseWithZod(form.formData, { schema: ProjectUpdateSchema });
  if (submission.status !== "success") return data<Reply>({ fieldErrors: (submission.error as Record<string, string[]>) ?? {}, formError: null, typed }, { status: 400 });
  const outcome = await postProjectUpdate(context.db, user, ideaId, submission.value, form.files);
  if (!outcome.ok) return data<Reply>({ fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome), typed }, { status: REFUSAL_STATUS[outcome.code] });
  return redirect(`/projects/${ideaId}?posted=1#updates`, { status: 303 });
}

/** A project: its figures and its dated updates with photos; council staff post the next update here. */
export default function ProjectPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const message = useMessage();
  const { project, canUpdate, maxPhotos } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Reply | undefined;
  const fr = i18n.language === "fr";
  const department = fr ? project.departmentFr : project.departmentEn;
  const money = (n: number) => (project.currency ? format.moneyIn(n, project.currency) : format.money(n));
  return (
    <section className="narrow">
      <p className="meta">
        <Link to="/projects">{t("projects.list.title")}</Link>
      </p>
      <h1>{project.title}</h1>
      <p>
        <StatusBadge status={project.status} /> <Link to={`/ideas/${project.ideaId}`}>{t("projects.page.idea")}</Link>
      </p>
      <ProgressBar progress={project.progress} />
      <dl className="receipt">
        {project.allocated !== null ? (
          <>
            <dt>{t("projects.page.allocated")}</dt>
            <dd>{money(project.allocated)}</dd>
          </>
        ) : null}
        <dt>{t("projects.page.spent")}</dt>
        <dd>{money(project.spent)}</dd>
        {department ? (
          <>
            <dt>{t("projects.page.department")}</dt>
            <dd>{department}</dd>
          </>
        ) : null}
        {project.expectedAt ? (
          <>
            <dt>{t("projects.page.expected")}</dt>
            <dd>{format.date(project.expectedAt)}</dd>
          </>
        ) : null}
        {project.cycle ? (
          <>
            <dt>{t("projects.page.cycle")}</dt>
            <dd>
              <Link to={`/budgets/${project.cycle.slug}/results`}>{project.cycle.name}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <p>{project.body}</p>
      <form method="post" action={`/ideas/${project.ideaId}/follow`} className="inline-form">
        <input type="hidden" name="follow" value="yes" />
        <button type="submit" className="button button-secondary">
          {t("projects.page.follow")}
        </button>
      </form>

      <h2 id="updates">{t("projects.page.updates", { count: project.updates.length })}</h2>
      {project.updates.length === 0 ? <p>{t("projects.page.noUpdates")}</p> : null}
      <ol className="timeline">
        {project.updates.map((u) => (
          <li key={u.id} className="card">
            <p className="meta">
              <time dateTime={u.at}>{format.dateTime(u.at)}</time> · {t("projects.progress", { progress: u.progress })} · {t("projects.page.spentThen", { spent: money(u.spent) })}
              {u.completes ? <strong> · {t("projects.page.completed")}</strong> : null}
            </p>
            <Markdown html={u.bodyHtml} />
            {u.photos.length ? (
              <div className="photos">
                {u.photos.map((p) => (
                  <img key={p} src={`/uploads/${p}`} alt={t("projects.page.photo")} width={320} height={240} loading="lazy" />
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ol>

      {canUpdate ? (
        <section className="card" aria-labelledby="post-update">
          <h2 id="post-update">{t("projects.page.post")}</h2>
          {result?.formError ? <FormAlert message={message(result.formError)} /> : null}
          <Form method="post" encType="multipart/form-data" noValidate>
            <div className="field">
              <label htmlFor="body">{t("projects.page.body")}</label>
              <textarea id="body" name="body" rows={5} maxLength={5000} defaultValue={result?.typed.body ?? ""} />
              <FieldErrors errors={result?.fieldErrors.body} />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor="progress">{t("projects.page.progressField")}</label>
                <input id="progress" name="progress" inputMode="numeric" autoComplete="off" defaultValue={result?.typed.progress ?? String(project.progress)} />
                <FieldErrors errors={result?.fieldErrors.progress} />
              </div>
              <div className="field">
                <label htmlFor="spent">{t("projects.page.spentField")}</label>
                <input id="spent" name="spent" inputMode="numeric" autoComplete="off" defaultValue={result?.typed.spent ?? String(project.spent)} />
                <FieldErrors errors={result?.fieldErrors.spent} />
              </div>
              <div className="field">
                <label htmlFor="expectedAt">{t("projects.page.expectedField")}</label>
                <input id="expectedAt" name="expectedAt" type="date" defaultValue={result?.typed.expectedAt ?? project.expectedAt?.slice(0, 10) ?? ""} />
                <FieldErrors errors={result?.fieldErrors.expectedAt} />
              </div>
            </div>
            <div className="field">
              <label htmlFor="photos">{t("projects.page.photos", { max: maxPhotos })}</label>
              <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
              <FieldErrors errors={result?.fieldErrors.photos} />
            </div>
            <div className="field checkbox">
              <input id="complete" name="complete" type="checkbox" value="yes" defaultChecked={result?.typed.complete === "yes"} />
              <label htmlFor="complete">{t("projects.page.complete")}</label>
            </div>
            <button type="submit" className="button">
              {t("projects.page.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
