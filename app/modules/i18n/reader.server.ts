import type { Db } from "#db/client";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { formatLocaleFor, type FormatContext } from "~/utils/format";
import { getFixedT, getLocale } from "./i18n.server";

/**
 * The reader of a page: their language, a translation function, and how numbers, money and dates
 * are written for them (their locale with its region, the city's time zone and currency). The
 * root loader hands the same to the browser, so text built on the server and text built in the
 * browser agree.
 */
export async function getReader(request: Request, db: Db) {
  const locale = await getLocale(request);
  const settings = getSiteSettings(db);
  const format: FormatContext = { locale: formatLocaleFor(locale, request.headers.get("accept-language")), timeZone: settings.timeZone, currency: settings.currency };
  return { locale, t: getFixedT(locale), format, settings };
}
