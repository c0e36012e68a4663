import { useTranslation } from "react-i18next";
import type { PresentedComment } from "~/modules/comments/queries.server";
import { Markdown } from "~/modules/markdown/markdown";
import { RoleBadge } from "~/components/role-badge";
import { HelpfulButton } from "./actions";
import { shownName } from "~/modules/users/names";

type Best = { for: PresentedComment[]; against: PresentedComment[] };

/** Better Reykjavik's signature: the most helpful arguments for and against, side by side. */
export function ArgumentColumns({ best }: { best: Best }) {
  const { t } = useTranslation();
  return (
    <section className="arguments" aria-labelledby="arguments-heading">
      <h2 id="arguments-heading">{t("comments.bestArguments")}</h2>
      <div className="argument-columns">
        {(["for", "against"] as const).map((side) => (
          <section key={side} className={`argument-column argument-${side}`} aria-labelledby={`arguments-${side}`}>
            <h3 id={`arguments-${side}`}>{t(`comments.stances.${side}Plural`)}</h3>
            {best[side].length === 0 ? <p className="meta">{t("comments.noArguments")}</p> : null}
            <ol>
              {best[side].map((c) => (
                <li key={c.id}>
                  {c.html ? <Markdown html={c.html} className="prose" /> : null}
                  {/* A div, not a p: the helpful button is a form, which HTML does not allow inside a paragraph
                      (the browser would split the paragraph and the page would not hydrate). */}
                  <div className="meta">
                    {c.author ? shownName(c.author.name, t) : null} {c.author ? <RoleBadge role={c.author.role} /> : null} ·{" "}
                    {c.can.rate ? <HelpfulButton commentId={c.id} rated={c.ratedHelpful} count={c.helpfulCount} /> : t("comments.helpful", { count: c.helpfulCount })}
                  </div>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
