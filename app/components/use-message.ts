import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "./use-format";

/**
 * Translates a message key, or a "key|json-params" message (app/utils/forms.server.ts), filling in
 * a wait in words ("about 1 hour", never "3588 seconds").
 */
export function useMessage() {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (message: string) => {
      const bar = message.indexOf("|");
      if (bar === -1) return t(message);
      let params: Record<string, string | number> = {};
      try {
        params = JSON.parse(message.slice(bar + 1));
      } catch {
        // A malformed message shows its key's text without parameters.
      }
      if (typeof params.seconds === "number") params = { ...params, wait: format.duration(params.seconds) };
      // Amounts of a budget travel with their currency and are shown as money.
      if (typeof params.currency === "string") {
        for (const key of ["budget", "cost", "amount"]) if (typeof params[key] === "number") params = { ...params, [key]: format.moneyIn(params[key] as number, params.currency as string) };
      }
      return t(message.slice(0, bar), params);
    },
    [t, format],
  );
}
