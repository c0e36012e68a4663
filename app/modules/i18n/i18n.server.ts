import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import type { Locale } from "#db/schema/users";
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

export async function getLocale(request: Request): Promise<Locale> {
  const detected = await detector.getLocale(request);
  return isLocale(detected) ? detected : DEFAULT_LOCALE;
}

const instances = new Map<Locale, TFunction>();
const renderInstances = new Map<Locale, Promise<i18n>>();

/**
 * The i18next instance that renders pages in one language. Built once per language and shared:
 * rendering only reads it, and its language never changes.
 */
export function getRenderI18n(locale: Locale) {
  let instance = renderInstances.get(locale);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ lng: locale, fallbackLng: DEFAULT_LOCALE, resources, interpolation: { escapeValue: false } })
      .then(() => created);
    renderInstances.set(locale, instance);
  }
  return instance;
}

/** A translation function for server-side text (e-mails, page titles, error messages). */
export function getFixedT(locale: Locale): TFunction {
  let t = instances.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({ lng: locale, fallbackLng: DEFAULT_LOCALE, resources, interpolation: { escapeValue: false }, initImmediate: false });
    t = instance.t;
    instances.set(locale, t);
  }
  return t;
}


/** The reader's locale and a translation function for it. */
export async function getRequestT(request: Request) {
  const locale = await getLocale(request);
  return { locale, t: getFixedT(locale) };
}
