import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useEffect, type ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { RoleBadge } from "./components/role-badge";
import { useFormat } from "./components/use-format";
import { useMessage } from "./components/use-message";
import { getOptionalUser } from "./modules/auth/guards.server";
import { isInAudience } from "./modules/auth/policy";
import { getVoteReminder } from "./modules/budgets/queries.server";
import { getReader } from "./modules/i18n/reader.server";
import { getMapConfig } from "./modules/maps/config.server";
import { UNREAD_CAP } from "./modules/notifications/groups";
import { countUnread } from "./modules/notifications/queries.server";
import stylesUrl from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.ico" },
];

export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, reader] = await Promise.all([getOptionalUser(request, context.db), getReader(request, context.db)]);
  const { locale, t, format, settings } = reader;
  const tiles = getMapConfig();
  return {
    locale,
    formatLocale: format.locale,
    city: { timeZone: format.timeZone, currency: format.currency },
    siteName: t("site.name"),
    user: user
      ? {
          id: user.id,
          displayName: user.displayName,
          role: user.role,
          verified: user.emailVerifiedAt !== null,
          unread: countUnread(context.db, user.id),
          // A moderator's silence, while it lasts: the header says so, before any form refuses.
          silencedUntil: user.silencedUntil !== null && user.silencedUntil.getTime() > Date.now() ? user.silencedUntil.toISOString() : null,
          // While voting is open: a ballot not yet in, or changes not yet submitted (every page says so).
          vote: user.emailVerifiedAt !== null ? getVoteReminder(context.db, user.id) : null,
        }
      : null,
    can: { admin: isInAudience(user, "admin"), moderation: isInAudience(user, "moderation"), council: isInAudience(user, "council") },
    map: tiles ? { ...tiles, center: settings.mapCenter } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.siteName ?? "Civic Ideas" }];

export const useRootData = () => useRouteLoaderData<typeof loader>("root");

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const other = i18n.language === "fr" ? "en" : "fr";
  return (
    // A full document reload: the new language's messages are loaded with the page.
    <Form method="post" action="/language" reloadDocument className="language-switch">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" name="locale" value={other} lang={other}>
        {t(`language.switchTo.${other}`)}
      </button>
    </Form>
  );
}

/** The bell: a link to the notification centre whose name says how many are unread. */
function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation();
  const shown = unread > UNREAD_CAP ? `${UNREAD_CAP}+` : String(unread);
  return (
    <NavLink to="/notifications" className="bell" aria-label={unread ? t("nav.notificationsUnread", { count: unread, shown }) : t("nav.notifications")}>
      <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      <span className="bell-label">{t("nav.notifications")}</span>
      {unread ? (
        <span className="bell-count" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </NavLink>
  );
}

function Header() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user;
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <div className="header-row">
        <Link to="/" className="brand">
          {t("site.name")}
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul className="nav-list">
            <li>
              <NavLink to="/ideas">{t("nav.ideas")}</NavLink>
            </li>
            <li>
              <NavLink to="/budgets">{t("nav.budgets")}</NavLink>
            </li>
            <li>
              <NavLink to="/projects">{t("nav.projects")}</NavLink>
            </li>
            {data?.can.council ? (
              <li>
                <NavLink to="/staff">{t("nav.staff")}</NavLink>
              </li>
            ) : null}
            {data?.can.moderation ? (
              <li>
                <NavLink to="/moderation">{t("nav.moderation")}</NavLink>
              </li>
            ) : null}
            {data?.can.admin ? (
              <li>
                <NavLink to="/admin">{t("nav.admin")}</NavLink>
              </li>
            ) : null}
            {user ? (
              <>
                <li>
                  <NotificationBell unread={user.unread} />
                </li>
                <li>
                  <NavLink to="/account">
                    {user.displayName} <RoleBadge role={user.role} />
                  </NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.signOut")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/login">{t("nav.signIn")}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{t("nav.signUp")}</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <LanguageSwitch />
      </div>
      {user && !user.verified ? <VerifyBanner /> : null}
      {user?.silencedUntil ? <SilencedBanner until={user.silencedUntil} /> : null}
      {user?.vote ? <VoteBanner vote={user.vote} /> : null}
    </header>
  );
}

/**
 * While voting is open, every page says whether the person's vote is in: not yet, a draft not
 * submitted (which does not count), or changes not submitted (the recorded ballot still counts).
 */
function VoteBanner({ vote }: { vote: { slug: string; name: string; state: "notVoted" | "draft" | "changes"; envelopeId: number; endsAt: string } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  if (location.pathname.startsWith(`/budgets/${vote.slug}/vote/`)) return null;
  const to = vote.state === "notVoted" ? `/budgets/${vote.slug}/vote` : `/budgets/${vote.slug}/vote/${vote.envelopeId}/confirm`;
  return (
    <div className="banner banner-vote" role="status">
      <p>{t(`budgets.banner.${vote.state}`, { cycle: vote.name, time: format.dateTime(vote.endsAt) })}</p>
      <Link to={to}>{t(`budgets.banner.action.${vote.state}`)}</Link>
    </div>
  );
}

/** Until the address is confirmed, every page says why taking part waits, with a way to get a new link. */
function SilencedBanner({ until }: { until: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="banner" role="status">
      <p>{t("moderation.silencedBanner", { time: format.dateTime(until) })}</p>
    </div>
  );
}

function VerifyBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  const sent = new URLSearchParams(location.search).has("linkSent");
  return (
    <div className="banner" role="status">
      <p>{sent ? t("verify.linkSent") : t("verify.banner")}</p>
      <Form method="post" action="/verify-email/resend" className="inline-form">
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit" className="link-button">
          {t("verify.resend")}
        </button>
      </Form>
    </div>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <ul className="nav-list">
        <li>
          <Link to="/responses">{t("nav.record")}</Link>
        </li>
        <li>
          <Link to="/announcements">{t("nav.announcements")}</Link>
        </li>
        <li>
          <Link to="/moderation/log">{t("moderation.log.link")}</Link>
        </li>
        <li>
          <Link to="/privacy">{t("nav.privacy")}</Link>
        </li>
      </ul>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={i18n.language} dir={i18n.dir(i18n.language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <Footer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the document once the page's script runs: end-to-end tests wait for it before typing
  // into forms whose client-side checks they test (a plain post works too, but differently).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

/** The error page: status-specific words, and for a refused request the reason it was refused. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message = useMessage();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 410 ? "gone" : status === 413 ? "tooLarge" : status < 500 ? "refused" : "serverError";
  // Refused writes carry the translation key of their explanation (app/utils/respond.server.ts).
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && error.data.startsWith("errors.refused.") ? error.data : null;
  const root = useRootData();
  return (
    <section className="error-page">
      <h1>{t(`errors.page.${key}.title`)}</h1>
      <p>{detail ? message(detail) : t(`errors.page.${key}.body`)}</p>
      {status === 403 && !root?.user ? (
        <p>
          <Link to="/login">{t("nav.signIn")}</Link>
        </p>
      ) : null}
      <p>
        <Link to="/">{t("errors.page.home")}</Link>
      </p>
    </section>
  );
}
