import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/**
 * Labels repeated on every card of a long list, translated once per page instead of once per card
 * (a translation lookup costs more than rendering the element around it):
 * - `once(key, options)`: the same key with the same options is translated once;
 * - `fill(key, name)`: a message with one varying value, e.g. "Tokens for {{title}}", translated
 *   once and filled in per card.
 */
export function useLabels() {
  const { t } = useTranslation();
  return useMemo(() => {
    const memo = new Map<string, string>();
    const once = (key: string, options?: Record<string, string | number>) => {
      const memoKey = options ? `${key}|${JSON.stringify(options)}` : key;
      let label = memo.get(memoKey);
      if (label === undefined) memo.set(memoKey, (label = t(key, options)));
      return label;
    };
    const fill = (key: string, name: string) => {
      const [before, after = ""] = t(key, { [name]: "\u0000" }).split("\u0000");
      return (value: string) => `${before}${value}${after}`;
    };
    return { once, fill };
  }, [t]);
}
