import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { IdeaFormFields } from "~/components/ideas/idea-form-fields";
import { Field, FieldErrors } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { createIdea } from "~/modules/ideas/commands.server";
import { listFilterOptions } from "~/modules/ideas/queries.server";
import { IdeaFieldsSchema } from "~/modules/ideas/validation";
import { MAX_PHOTOS } from "~/modules/uploads/images.server";
import { readPhotoForm } from "~/modules/uploads/photo-form.server";
import { refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { fetchJson, useSettledAnswer } from "~/utils/settle";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  return { title: t("ideas.new.title"), maxPhotos: MAX_PHOTOS, ...listFilterOptions(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const form = await readPhotoForm(request);
  if (!form.ok) {
    // The text read before the limit is given back; only the photos must be chosen again.
    const partial = parseWithZod(form.fields, { schema: IdeaFieldsSchema });
    return refuseForm(partial, { status: 413, fieldErrors: { photos: [`errors.photo.${form.error}`] } });
  }
  const submission = parseWithZod(form.formData, { schema: IdeaFieldsSchema });
  if (submission.status !== "success") return refuseForm(submission);
  const result = await createIdea(context.db, user, submission.value, form.files);
  if (result.ok) return redirect(`/ideas/${result.value.id}`, { status: 303 });
  return refuseWithOutcome(submission, result);
}

/**
 * One click: supports the existing idea in place, without leaving the draft. A plain button
 * (not a nested form, which HTML forbids inside the idea form); the panel only exists with JavaScript.
 */
function SupportInstead({ ideaId }: { ideaId: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ myVote: string } | { error: string }>();
  if (fetcher.data && "error" in fetcher.data) {
    return (
      <span role="alert" className="field-errors">
        {t(fetcher.data.error)}
      </span>
    );
  }
  if (fetcher.data?.myVote === "up") {
    return (
      <span role="status" className="meta">
        {t("ideas.similar.supported")}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="button button-small"
      disabled={fetcher.state !== "idle"}
      onClick={() => fetcher.submit({ value: "up" }, { method: "post", action: `/ideas/${ideaId}/support` })}
    >
      {t("ideas.similar.supportInstead")}
    </button>
  );
}

type SimilarIdea = { id: number; title: string; upCount: number };

const askSimilar = (title: string, signal: AbortSignal) => fetchJson<{ ideas: SimilarIdea[] }>(`/ideas/similar?q=${encodeURIComponent(title)}`, { signal });

/** Ideas like the one being typed, so people can support an existing one instead. */
function SimilarIdeas({ title }: { title: string }) {
  const { t } = useTranslation();
  const long = title.trim().length >= 4;
  const found = useSettledAnswer(long ? title : null, askSimilar, 350);
  const ideas = long ? (found?.answer.ideas ?? []) : [];
  return (
    <section className="similar" aria-live="polite" aria-label={t("ideas.similar.title")}>
      {ideas.length ? (
        <>
          <h2>{t("ideas.similar.title")}</h2>
          <p className="field-hint">{t("ideas.similar.hint")}</p>
          <ul>
            {ideas.map((idea) => (
              <li key={idea.id}>
                <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> <span className="meta">({t("ideas.supportCount", { count: idea.upCount, formatted: idea.upCount })})</span>{" "}
                <SupportInstead ideaId={idea.id} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export default function NewIdeaPage() {
  const { t } = useTranslation();
  const { categories, districts, maxPhotos } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useZodForm(IdeaFieldsSchema, lastResult, "new-idea");
  const [title, setTitle] = useState("");
  return (
    <section className="narrow-wide">
      <h1>{t("ideas.new.title")}</h1>
      <p>{t("ideas.new.intro")}</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} onInput={(e) => (e.target as HTMLInputElement).name === "title" && setTitle((e.target as HTMLInputElement).value)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <IdeaFormFields fields={fields} categories={categories} districts={districts} />
        <SimilarIdeas title={title} />
        <Field id="photos" label={t("ideas.fields.photos")} errors={lastResult?.error?.photos ?? undefined} errorId="photos-error" hint={t("ideas.form.photosHint", { max: maxPhotos })} hintId="photos-hint">
          <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="photos-hint" />
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {t("ideas.new.submit")}
        </button>
      </Form>
    </section>
  );
}
