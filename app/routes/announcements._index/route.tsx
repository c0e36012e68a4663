import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pager } from "~/components/ui/pagination";
import { useFormat } from "~/components/use-format";
import { listAnnouncements } from "~/modules/announcements/queries.server";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { isInAudience } from "~/modules/auth/policy";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { Markdown } from "~/modules/markdown/markdown";
import { listDistricts } from "~/modules/places/queries.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const user = await getOptionalUser(request, context.db);
  const page = Math.min(1000, Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1));
  return { title: t("announcements.title"), page, ...listAnnouncements(context.db, { page, all: true }), districts: listDistricts(context.db), canPost: isInAudience(user, "council") };
}

/** Every announcement the city made, newest first. */
export default function AnnouncementsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { announcements, hasNext, page, districts, canPost } = useLoaderData<typeof loader>();
  const district = (id: number | null) => (id === null ? t("announcements.everyone") : ((i18n.language === "fr" ? districts.find((d) => d.id === id)?.nameFr : districts.find((d) => d.id === id)?.nameEn) ?? ""));
  return (
    <section className="narrow">
      <div className="page-head">
        <h1>{t("announcements.title")}</h1>
        {canPost ? (
          <Link to="/announcements/new" className="button">
            {t("announcements.new")}
          </Link>
        ) : null}
      </div>
      {announcements.length === 0 ? <p>{t("announcements.empty")}</p> : null}
      <ol className="timeline">
        {announcements.map((a) => (
          <li key={a.id} id={`announcement-${a.id}`} className="card">
            <h2>{a.title}</h2>
            <p className="meta">
              <time dateTime={a.createdAt}>{format.dateTime(a.createdAt)}</time> · {district(a.districtId)}
            </p>
            <Markdown html={a.bodyHtml} />
            {a.link ? <Link to={a.link}>{t("announcements.more")}</Link> : null}
          </li>
        ))}
      </ol>
      <Pager page={page} hasNext={hasNext} />
    </section>
  );
}
