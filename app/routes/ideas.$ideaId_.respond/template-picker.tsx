import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Template = { id: number; status: string; title: string };

/**
 * Choosing a template reloads the page with it as the response's editable pre-fill (a GET form:
 * the same with or without JavaScript). Nothing is published until the response form is sent.
 */
export function TemplatePicker({ templates, selected }: { templates: Template[]; selected: number | null }) {
  const { t } = useTranslation();
  if (templates.length === 0) return null;
  return (
    <Form method="get" className="inline-form" preventScrollReset>
      <label htmlFor="template">{t("responses.page.template")}</label>
      <select id="template" name="template" defaultValue={selected ?? ""}>
        <option value="">{t("responses.page.noTemplate")}</option>
        {templates.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {t(`ideas.status.${tpl.status}`)}: {tpl.title}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-secondary">
        {t("responses.page.useTemplate")}
      </button>
    </Form>
  );
}
