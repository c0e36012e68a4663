import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import type { Locale } from "./config";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, isLocale } from "./config";
import en from "./locales/en";
import fr from "./locales/fr";

export const localeCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

const resources = { en: { translation: en }, fr: { translation: fr } };

// The cookie set by the language switch wins; a first visit follows Accept-Language.
const detector = new RemixI18Next({
  detection: { supportedLanguages: [...SUPPORTED_LOCALES], fallbackLanguage: DEFAULT_LOCALE, cookie: localeCookie, order: ["cookie", "header"] },
  i18next: { resources },
});

const localeByRequest = new WeakMap<Request, Promise<Locale>>();

/** The reader's language, worked out once per request (the root, the page and the renderer all ask). */
export function getLocale(request: Request): Promise<Locale> {
  let locale = localeByRequest.get(request);
  if (!locale) {
    locale = detector.getLocale(request).then((detected) => (isLocale(detected) ? detected : DEFAULT_LOCALE));
    localeByRequest.set(request, locale);
  }
  return locale;
}

const instances = new Map<Locale, i18n>();

/**
 * One i18next instance per language, built once and shared: it renders pages (through
 * react-i18next) and translates server-side text. Nothing changes its language after creation,
 * and with bundled resources its initialisation completes synchronously.
 */
export function getI18n(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    void instance.use(initReactI18next).init({ lng: locale, fallbackLng: DEFAULT_LOCALE, resources, interpolation: { escapeValue: false }, initImmediate: false });
    instances.set(locale, instance);
  }
  return instance;
}

/** A translation function for server-side text (e-mails, page titles, error messages). */
export function getFixedT(locale: Locale): TFunction {
  return getI18n(locale).t;
}

/** The reader's locale and a translation function for it. */
export async function getRequestT(request: Request) {
  const locale = await getLocale(request);
  return { locale, t: getFixedT(locale) };
}
