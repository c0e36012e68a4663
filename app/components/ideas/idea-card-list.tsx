import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import type { IdeaStatus } from "~/modules/ideas/statuses";
import { StatusBadge } from "./status-badge";

type Card = { id: number; title: string; status: IdeaStatus; upCount: number; commentCount: number };

/** A short list of ideas (home page, dashboards): title, status, support and comments. */
export function IdeaCardList({ ideas, empty }: { ideas: Card[]; empty: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (ideas.length === 0) return <p className="meta">{empty}</p>;
  return (
    <ul className="compact-list">
      {ideas.map((idea) => (
        <li key={idea.id}>
          <Link to={`/ideas/${idea.id}`}>{idea.title}</Link> <StatusBadge status={idea.status} />{" "}
          <span className="meta">
            {t("ideas.supportCount", { count: idea.upCount, formatted: format.number(idea.upCount) })} · {t("ideas.commentCount", { count: idea.commentCount, formatted: format.number(idea.commentCount) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
