import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IdeaFormFields } from "~/components/ideas/idea-form-fields";
import { FieldErrors } from "~/components/ui/field";
import { requireUser } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { updateIdea } from "~/modules/ideas/commands.server";
import { getIdeaForEditing, listFilterOptions } from "~/modules/ideas/queries.server";
import { IdeaFieldsSchema } from "~/modules/ideas/validation";
import { parseForm, refuse } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { refusal } from "~/utils/respond.server";

export const meta = pageTitleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const idea = getIdeaForEditing(idParam(params.ideaId), user);
  if (!idea) throw new Response("Not Found", { status: 404 });
  const { t } = await getRequestT(request);
  return json({ title: t("ideas.edit.title"), idea, ...listFilterOptions() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const submission = await parseForm(request, IdeaFieldsSchema);
  if (submission.status !== "success") return refuse(submission);
  const result = updateIdea(user, ideaId, submission.value);
  if (result.ok) return redirect(`/ideas/${ideaId}`, { status: 303 });
  if (result.error === "invalid") return refuse(submission, { fieldErrors: result.fieldErrors });
  throw refusal(result.error);
}

export default function EditIdeaPage() {
  const { t } = useTranslation();
  const { idea, categories, districts } = useLoaderData<typeof loader>();
  const [form, fields] = useZodForm(IdeaFieldsSchema, useActionData<typeof action>(), "edit-idea", {
    title: idea.title,
    body: idea.body,
    categoryId: idea.categoryId ?? "",
    districtId: idea.districtId ?? "",
    latitude: idea.latitude ?? "",
    longitude: idea.longitude ?? "",
    estimatedCost: idea.estimatedCost ?? "",
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
