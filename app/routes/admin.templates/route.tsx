import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { LOCALES } from "~/modules/i18n/config";
import { STAFF_STATUSES } from "~/modules/ideas/lifecycle";
import { deleteTemplate, listTemplates, saveTemplate } from "~/modules/responses/templates.server";
import { TemplateActionSchema } from "~/modules/responses/validation";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  return { title: t("admin.templates.title"), templates: listTemplates(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const form = Object.fromEntries(await readForm(request));
  const parsed = TemplateActionSchema.safeParse(form);
  if (!parsed.success) return data({ ok: false as const, errors: [...new Set(parsed.error.issues.map((i) => i.message))], typed: form }, { status: 400 });
  const outcome = parsed.data.intent === "save" ? saveTemplate(context.db, user, parsed.data) : deleteTemplate(context.db, user, parsed.data.id);
  if (!outcome.ok) return data({ ok: false as const, errors: [encodeMessage(outcome)], typed: form }, { status: REFUSAL_STATUS[outcome.code] });
  return { ok: true as const, errors: [] as string[], typed: {} };
}

/** Response templates per status and language, offered to staff as an editable pre-fill. */
export default function AdminTemplatesPage() {
  const { t } = useTranslation();
  const { templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const editing = templates.find((tpl) => String(tpl.id) === searchParams.get("edit"));
  const typed = (result && !result.ok ? result.typed : {}) as Record<string, string>;
  const value = (key: "status" | "locale" | "title" | "body") => typed[key] ?? editing?.[key] ?? "";
  return (
    <section>
      <h1>{t("admin.templates.title")}</h1>
      <p>{t("admin.templates.intro")}</p>
      {result?.ok ? <FormAlert tone="success" message={t("admin.templates.saved")} /> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("ideas.list.status")}</th>
            <th scope="col">{t("admin.templates.language")}</th>
            <th scope="col">{t("admin.templates.name")}</th>
            <th scope="col">{t("admin.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <tr key={tpl.id}>
              <td>{t(`ideas.status.${tpl.status}`)}</td>
              <td>{t(`language.switchTo.${tpl.locale}`)}</td>
              <td>{tpl.title}</td>
              <td className="inline-form">
                <Link to={`?edit=${tpl.id}`}>{t("comments.edit")}</Link>
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={tpl.id} />
                  <button type="submit" className="link-button">
                    {t("comments.delete")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{editing ? t("admin.templates.edit") : t("admin.templates.new")}</h2>
      <Form method="post" key={editing?.id ?? "new"} className="narrow-wide">
        {result && !result.ok ? <FieldErrors errors={result.errors} /> : null}
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="id" value={editing?.id ?? ""} />
        <div className="field-row">
          <div className="field">
            <label htmlFor="tpl-status">{t("ideas.list.status")}</label>
            <select id="tpl-status" name="status" defaultValue={value("status") || "under_review"}>
              {STAFF_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`ideas.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="tpl-locale">{t("admin.templates.language")}</label>
            <select id="tpl-locale" name="locale" defaultValue={value("locale") || "en"}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {t(`language.switchTo.${l}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="tpl-title">{t("admin.templates.name")}</label>
          <input id="tpl-title" name="title" required maxLength={120} defaultValue={value("title")} />
        </div>
        <div className="field">
          <label htmlFor="tpl-body">{t("admin.templates.body")}</label>
          <textarea id="tpl-body" name="body" required rows={8} maxLength={10000} defaultValue={value("body")} />
        </div>
        <button type="submit" className="button">
          {t("actions.save")}
        </button>
      </Form>
    </section>
  );
}
