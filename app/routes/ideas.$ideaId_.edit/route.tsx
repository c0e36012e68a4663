import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaFormFields } from "~/components/ideas/idea-form-fields";
import { FieldErrors } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { updateIdea } from "~/modules/ideas/commands.server";
import { getIdeaForEditing, listFilterOptions } from "~/modules/ideas/queries.server";
import { IdeaFieldsSchema } from "~/modules/ideas/validation";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const idea = getIdeaForEditing(context.db, idParam(params.ideaId), user);
  if (!idea) notFound();
  const { t } = await getRequestT(request);
  return { title: t("ideas.edit.title"), idea, ...listFilterOptions(context.db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  const submission = await parseForm(request, IdeaFieldsSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const result = updateIdea(context.db, user, ideaId, submission.value);
  if (result.ok) return redirect(`/ideas/${ideaId}`, { status: 303 });
  return refuseWithOutcome(submission, result);
}

export default function EditIdeaPage() {
  const { t } = useTranslation();
  const { idea, categories, districts } = useLoaderData<typeof loader>();
  const [form, fields] = useZodForm(IdeaFieldsSchema, useActionData<typeof action>(), "edit-idea", {
    title: idea.title,
    body: idea.body,
    categoryId: idea.categoryId?.toString() ?? "",
    districtId: idea.districtId?.toString() ?? "",
    latitude: idea.latitude?.toString() ?? "",
    longitude: idea.longitude?.toString() ?? "",
    estimatedCost: idea.estimatedCost?.toString() ?? "",
  });
  return (
    <section className="narrow-wide">
      <h1>{t("ideas.edit.title")}</h1>
      <p>{t("ideas.edit.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <IdeaFormFields fields={fields} categories={categories} districts={districts} />
        <button type="submit" className="button">
          {t("actions.save")}
        </button>{" "}
        <Link to={`/ideas/${idea.id}`}>{t("actions.cancel")}</Link>
      </Form>
    </section>
  );
}
