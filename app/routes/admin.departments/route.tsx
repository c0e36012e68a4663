import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceOptions } from "~/components/place-options";
import { RoleBadge } from "~/components/role-badge";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { createDepartment, deleteRoutingRule, setDepartmentMembers, setRoutingRule } from "~/modules/departments/commands.server";
import { listDepartments, listRoutingRules, listStaffMembership } from "~/modules/departments/queries.server";
import { DepartmentActionSchema } from "~/modules/departments/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listCategories, listDistricts } from "~/modules/places/queries.server";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  return {
    title: t("admin.departments.title"),
    departments: listDepartments(context.db),
    rules: listRoutingRules(context.db),
    staff: listStaffMembership(context.db),
    categories: listCategories(context.db),
    districts: listDistricts(context.db),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const form = await readForm(request);
  const parsed = DepartmentActionSchema.safeParse({ ...Object.fromEntries(form), departmentIds: form.getAll("departmentIds") });
  if (!parsed.success) return data({ ok: false as const, intent: String(form.get("intent") ?? ""), errors: [...new Set(parsed.error.issues.map((i) => i.message))] }, { status: 400 });
  const input = parsed.data;
  const outcome =
    input.intent === "createDepartment"
      ? createDepartment(context.db, user, input)
      : input.intent === "setRule"
        ? setRoutingRule(context.db, user, input)
        : input.intent === "deleteRule"
          ? deleteRoutingRule(context.db, user, input.ruleId)
          : setDepartmentMembers(context.db, user, input.userId, input.departmentIds);
  if (!outcome.ok) {
    const errors = outcome.fieldErrors ? Object.values(outcome.fieldErrors).flat() : [encodeMessage(outcome)];
    return data({ ok: false as const, intent: input.intent, errors }, { status: REFUSAL_STATUS[outcome.code] });
  }
  return { ok: true as const, intent: input.intent, errors: [] as string[] };
}

/** Departments, the rules that route ideas to them, and who belongs to which. */
export default function AdminDepartmentsPage() {
  const { t, i18n } = useTranslation();
  const { departments, rules, staff, categories, districts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fr = i18n.language === "fr";
  const errorsFor = (intent: string) => (result && !result.ok && result.intent === intent ? <FieldErrors errors={result.errors} /> : null);
  return (
    <section>
      <h1>{t("admin.departments.title")}</h1>
      {result?.ok ? <FormAlert tone="success" message={t("admin.departments.saved")} /> : null}

      <h2>{t("admin.departments.list")}</h2>
      <ul className="compact-list">
        {departments.map((d) => (
          <li key={d.id}>{fr ? d.nameFr : d.nameEn}</li>
        ))}
      </ul>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="createDepartment" />
        <label htmlFor="dept-en">{t("admin.departments.nameEn")}</label>
        <input id="dept-en" name="nameEn" required maxLength={80} />
        <label htmlFor="dept-fr">{t("admin.departments.nameFr")}</label>
        <input id="dept-fr" name="nameFr" required maxLength={80} />
        <button type="submit" className="button button-small">
          {t("admin.departments.create")}
        </button>
      </Form>
      {errorsFor("createDepartment")}

      <h2>{t("admin.departments.routing")}</h2>
      <p>{t("admin.departments.routingIntro")}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("ideas.fields.category")}</th>
            <th scope="col">{t("ideas.fields.district")}</th>
            <th scope="col">{t("ideas.fields.department")}</th>
            <th scope="col">{t("admin.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{r.categoryId ? (fr ? r.categoryFr : r.categoryEn) : t("admin.departments.any")}</td>
              <td>{r.districtId ? (fr ? r.districtFr : r.districtEn) : t("admin.departments.any")}</td>
              <td>{fr ? r.departmentFr : r.departmentEn}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="deleteRule" />
                  <input type="hidden" name="ruleId" value={r.id} />
                  <button type="submit" className="link-button">
                    {t("admin.departments.deleteRule")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="setRule" />
        <label htmlFor="rule-category">{t("ideas.fields.category")}</label>
        <select id="rule-category" name="categoryId" defaultValue="">
          <option value="">{t("admin.departments.any")}</option>
          <PlaceOptions places={categories} />
        </select>
        <label htmlFor="rule-district">{t("ideas.fields.district")}</label>
        <select id="rule-district" name="districtId" defaultValue="">
          <option value="">{t("admin.departments.any")}</option>
          <PlaceOptions places={districts} />
        </select>
        <label htmlFor="rule-department">{t("ideas.fields.department")}</label>
        <select id="rule-department" name="departmentId" required defaultValue="">
          <option value="" disabled>
            {t("responses.page.chooseDepartment")}
          </option>
          <PlaceOptions places={departments} />
        </select>
        <button type="submit" className="button button-small">
          {t("admin.departments.setRule")}
        </button>
      </Form>
      {errorsFor("setRule")}

      <h2>{t("admin.departments.members")}</h2>
      {errorsFor("setMembers")}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("fields.displayName")}</th>
            <th scope="col">{t("admin.departments.list")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((member) => (
            <tr key={member.id}>
              <td>
                {member.displayName} <RoleBadge role={member.role} />
              </td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="setMembers" />
                  <input type="hidden" name="userId" value={member.id} />
                  <fieldset className="checkboxes">
                    <legend className="visually-hidden">{t("admin.departments.membersOf", { name: member.displayName })}</legend>
                    {departments.map((d) => (
                      <label key={d.id}>
                        <input type="checkbox" name="departmentIds" value={d.id} defaultChecked={member.departmentIds.includes(d.id)} /> {fr ? d.nameFr : d.nameEn}
                      </label>
                    ))}
                  </fieldset>
                  <button type="submit" className="button button-small">
                    {t("actions.save")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
