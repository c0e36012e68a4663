import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RoleBadge } from "~/components/role-badge";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { Pagination } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { changeRole, reinstateUser, suspendUser } from "~/modules/users/commands.server";
import { listUsers } from "~/modules/users/queries.server";
import { ROLES } from "~/modules/users/roles";
import { AdminUserActionSchema, UserListQuerySchema } from "~/modules/users/validation";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";
import { shownName } from "~/modules/users/names";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  const query = UserListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("admin.users.title"), me: user.id, query, ...listUsers(context.db, query) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const form = await readForm(request);
  const parsed = AdminUserActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    // The error shows in the row it came from.
    const userId = typeof form.get("userId") === "string" ? String(form.get("userId")) : null;
    return data({ ok: false as const, userId, error: parsed.error.issues[0]?.message ?? "errors.invalidRequest" }, { status: 400 });
  }
  const input = parsed.data;
  const result =
    input.intent === "changeRole"
      ? changeRole(context.db, user, input.userId, input.role)
      : input.intent === "suspend"
        ? suspendUser(context.db, user, input.userId, input.reason)
        : reinstateUser(context.db, user, input.userId);
  if (!result.ok) return data({ ok: false as const, userId: input.userId, error: result.message }, { status: REFUSAL_STATUS[result.code] });
  return { ok: true as const, userId: input.userId, error: null };
}

export default function AdminUsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { rows, total, pageSize, query, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <section>
      <h1>{t("admin.users.title")}</h1>
      <Form method="get" className="inline-form" role="search">
        <label htmlFor="user-search">{t("admin.users.search")}</label>
        <input id="user-search" type="search" name="q" defaultValue={searchParams.get("q") ?? ""} />
        <button type="submit" className="button">
          {t("actions.search")}
        </button>
      </Form>
      {result && !result.ok && !rows.some((r) => r.id === result.userId) ? <FormAlert message={t(result.error)} /> : null}
      {result?.ok ? <FormAlert tone="success" message={t("admin.users.saved")} /> : null}
      <p>{t("admin.users.count", { count: total })}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("fields.displayName")}</th>
            <th scope="col">{t("fields.email")}</th>
            <th scope="col">{t("admin.users.role")}</th>
            <th scope="col">{t("admin.users.status")}</th>
            <th scope="col">{t("admin.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                {shownName(row.displayName, t)} <RoleBadge role={row.role} />
              </td>
              <td>{row.email}</td>
              <td>
                {row.id === me ? (
                  t(`roles.${row.role}`)
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="changeRole" />
                    <input type="hidden" name="userId" value={row.id} />
                    <label htmlFor={`role-${row.id}`} className="visually-hidden">
                      {t("admin.users.roleFor", { name: shownName(row.displayName, t) })}
                    </label>
                    <select id={`role-${row.id}`} name="role" defaultValue={row.role}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="button button-small">
                      {t("admin.users.changeRole")}
                    </button>
                  </Form>
                )}
              </td>
              <td>{row.suspendedAt ? t("admin.users.suspendedSince", { date: format.dateTime(row.suspendedAt) }) : t("admin.users.active")}</td>
              <td>
                {result && !result.ok && result.userId === row.id ? <FieldErrors id={`error-${row.id}`} errors={[result.error]} /> : null}
                {row.id === me ? null : row.suspendedAt ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="reinstate" />
                    <input type="hidden" name="userId" value={row.id} />
                    <button type="submit" className="button button-small">
                      {t("admin.users.reinstate")}
                    </button>
                  </Form>
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="suspend" />
                    <input type="hidden" name="userId" value={row.id} />
                    <label htmlFor={`reason-${row.id}`} className="visually-hidden">
                      {t("admin.users.reasonFor", { name: shownName(row.displayName, t) })}
                    </label>
                    <input id={`reason-${row.id}`} name="reason" required minLength={3} maxLength={500} placeholder={t("admin.users.reasonPlaceholder")} />
                    <button type="submit" className="button button-small button-danger">
                      {t("admin.users.suspend")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </section>
  );
}
