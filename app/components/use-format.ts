import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import { formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, type FormatContext } from "~/utils/format";

/**
 * Formatting for the page being rendered: the reader's locale and region, the city's time zone
 * and currency, all from the root loader, so the server and the browser print the same text.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const root = useRootData();
  const locale = root?.formatLocale ?? i18n.language;
  const timeZone = root?.city.timeZone ?? "UTC";
  const currency = root?.city.currency ?? "EUR";
  return useMemo(() => {
    const ctx: FormatContext = { locale, timeZone, currency };
    return {
      locale,
      dateTime: (value: string | Date) => formatDateTime(value, ctx),
      date: (value: string | Date) => formatDate(value, ctx),
      number: (value: number) => formatNumber(value, ctx),
      money: (value: number) => formatMoney(value, ctx),
      /** An amount in a given currency (a budget cycle's, which may differ from the city's default). */
      moneyIn: (value: number, currency: string) => formatMoney(value, { ...ctx, currency }),
      duration: (seconds: number) => formatDuration(seconds, ctx),
    };
  }, [locale, timeZone, currency]);
}
