import { useFetcher } from "@remix-run/react";
import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";

/** The decisions the reader may ask to have reviewed on this page, by item ("idea:12", "comment:34"). */
export const ReviewableContext = createContext<Record<string, number>>({});

/** "Ask for another look", once per decision, on the author's own hidden item. Works without JavaScript. */
export function ReviewRequest({ targetKey, returnTo }: { targetKey: string; returnTo: string }) {
  const { t } = useTranslation();
  const decisionId = useContext(ReviewableContext)[targetKey];
  const fetcher = useFetcher<{ requested?: boolean; error?: string }>();
  if (!decisionId) return null;
  if (fetcher.data?.requested) return <span role="status">{t("moderation.review.asked")}</span>;
  return (
    <fetcher.Form method="post" action="/moderation/review" className="inline">
      <input type="hidden" name="decisionId" value={decisionId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" className="link-button" disabled={fetcher.state !== "idle"}>
        {t("moderation.review.ask")}
      </button>
    </fetcher.Form>
  );
}
