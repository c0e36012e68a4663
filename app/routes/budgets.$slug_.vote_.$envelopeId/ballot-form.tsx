import { Form, useLocation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";
import { useHydrated } from "~/components/use-hydrated";
import { useLabels } from "~/components/use-labels";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { ballotTotals, checkWhileChoosing, problemMessage, remaining, type BallotRules, type Choices } from "~/modules/budgets/ballot-rules";

/** A card on this page, or another page's project (only what the totals need). */
type Project = { id: number; cost: number | null; shown: boolean; ideaId?: number; title?: string; excerpt?: string; photo?: string | null; categoryId?: number | null; districtId?: number | null };

type Props = {
  projects: Project[];
  rules: BallotRules;
  currency: string;
  initial: [number, number][];
  /** What was typed when the server refused it (no JavaScript, or a race): shown as typed. */
  typed: Record<string, string[]> | null;
  fieldErrors: Record<string, string[]>;
  hasDraft: boolean;
  page: number;
  pageCount: number;
  /** Category and district names by id, in the reader's language. */
  places: { categories: Map<number, string>; districts: Map<number, string> };
};


function startingValues(projects: Project[], initial: [number, number][], typed: Props["typed"], method: BallotRules["method"]) {
  const values: Record<number, string> = {};
  const chosen = new Map(initial);
  for (const p of projects) {
    if (typed) {
      values[p.id] = method === "tokens" ? (typed[`tokens-${p.id}`]?.[0] ?? "") : typed.project?.includes(String(p.id)) ? "1" : "";
    } else {
      values[p.id] = chosen.has(p.id) ? String(chosen.get(p.id)) : "";
    }
  }
  return values;
}

/** Where each chosen project's segment sits on a 1000-unit bar (the envelope's amount). */
function segments(costs: number[], budget: number) {
  let x = 0;
  return costs.map((cost) => {
    const width = Math.max(0, Math.min(1000 - x, Math.round((cost / Math.max(1, budget)) * 1000)));
    const segment = { x, width: Math.max(0, width - 4) };
    x += width;
    return segment;
  });
}

function choicesOf(values: Record<number, string>): Choices {
  const choices: Choices = new Map();
  for (const [id, text] of Object.entries(values)) {
    const n = /^\d{1,4}$/.test(text) ? Number(text) : 0;
    if (n > 0) choices.set(Number(id), n);
  }
  return choices;
}

/**
 * The ballot as a plain form (the server computes the totals when JavaScript is off). With
 * JavaScript the totals follow each choice, and a choice over a limit is refused as it is made,
 * with the reason in words, by the same rules the server applies.
 */
export function BallotForm({ projects, rules, currency, initial, typed, fieldErrors, hasDraft, page, pageCount, places }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useMessage();
  const hydrated = useHydrated();
  const [values, setValues] = useState(() => startingValues(projects, initial, typed, rules.method));
  const [refusal, setRefusal] = useState<string | null>(null);
  const costs = useMemo(() => new Map(projects.map((p) => [p.id, p.cost ?? 0])), [projects]);
  const choices = choicesOf(values);
  const totals = ballotTotals(choices, costs);
  const left = remaining(rules, totals);
  const money = (n: number) => format.moneyIn(n, currency);
  // Each card's labels, translated once per page (150 cards would otherwise make 600 lookups).
  const { fill } = useLabels();
  const labels = useMemo(
    () => ({ tokensFor: fill("budgets.ballot.tokensFor", "title"), less: fill("budgets.ballot.less", "title"), more: fill("budgets.ballot.more", "title"), choose: fill("budgets.ballot.choose", "title"), cost: fill("budgets.ballot.cost", "cost") }),
    [fill],
  );

  const location = useLocation();
  const pageHref = (n: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(n));
    return `${location.pathname}?${params}`;
  };

  const change = (projectId: number, next: string) => {
    const candidate = choicesOf({ ...values, [projectId]: next });
    const problem = checkWhileChoosing(rules, candidate, costs);
    if (problem && next !== "") {
      setRefusal(message(problemMessage(problem, currency)));
      return;
    }
    setRefusal(null);
    setValues((v) => ({ ...v, [projectId]: next }));
  };
  const step = (projectId: number, by: number) => {
    const current = Number(values[projectId]) || 0;
    change(projectId, String(Math.max(0, current + by)));
  };

  const summary = (
    <div className="ballot-summary" aria-live="polite">
      {rules.method === "tokens" ? <p>{t("budgets.ballot.tokensLeft", { left, used: totals.tokensUsed, tokens: rules.tokens })}</p> : null}
      {rules.method === "approval" ? <p>{t("budgets.ballot.approvalsLeft", { count: totals.chosen, left: Math.max(0, left), min: rules.minApprovals, max: rules.maxApprovals })}</p> : null}
      {rules.method === "knapsack" ? (
        <>
          <p>{t("budgets.ballot.budgetUsed", { used: money(totals.cost), budget: money(rules.budget), left: money(Math.max(0, left)) })}</p>
          {/* One segment per chosen project; SVG attributes, since the Content-Security-Policy allows no style attribute. */}
          <svg className="budget-bar" viewBox="0 0 1000 20" preserveAspectRatio="none" aria-hidden="true">
            {segments(projects.filter((p) => choices.has(p.id)).map((p) => p.cost ?? 0), rules.budget).map((s, i) => (
              <rect key={i} className="budget-segment" x={s.x} width={s.width} height="20" />
            ))}
          </svg>
        </>
      ) : null}
      {refusal ? (
        <p className="field-errors" role="alert">
          {refusal}
        </p>
      ) : null}
      <FieldErrors errors={fieldErrors.choices} />
      <FieldErrors errors={rules.method !== "tokens" ? fieldErrors.project : undefined} />
    </div>
  );

  return (
    <Form method="post" className="ballot" noValidate>
      {summary}
      <ul className="project-cards">
        {projects.map((p) =>
          p.shown && p.title !== undefined ? (
            <li key={p.id} className="card project-card">
              {p.photo ? <img src={`/uploads/${p.photo}`} alt="" width={320} height={180} loading="lazy" /> : null}
              <h2>
                <a href={`/ideas/${p.ideaId}`} target="_blank" rel="noreferrer">
                  {p.title}
                </a>
              </h2>
              <p className="meta">
                {[p.categoryId ? places.categories.get(p.categoryId) : null, p.districtId ? places.districts.get(p.districtId) : null, labels.cost(money(p.cost ?? 0))].filter(Boolean).join(" · ")}
              </p>
              <p>{p.excerpt}</p>
              {rules.method === "tokens" ? (
                <div className="field token-field">
                  <label htmlFor={`tokens-${p.id}`}>{labels.tokensFor(p.title)}</label>
                  <div className="stepper">
                    {hydrated ? (
                      <button type="button" className="button button-secondary" onClick={() => step(p.id, -1)} aria-label={labels.less(p.title)}>
                        −
                      </button>
                    ) : null}
                    <input
                      id={`tokens-${p.id}`}
                      name={`tokens-${p.id}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={rules.maxPerProject ?? rules.tokens}
                      step={1}
                      value={values[p.id]}
                      onChange={(e) => change(p.id, e.target.value)}
                      aria-describedby={fieldErrors[`tokens-${p.id}`] ? `tokens-${p.id}-error` : undefined}
                    />
                    {hydrated ? (
                      <button type="button" className="button button-secondary" onClick={() => step(p.id, 1)} aria-label={labels.more(p.title)}>
                        +
                      </button>
                    ) : null}
                  </div>
                  <FieldErrors id={`tokens-${p.id}-error`} errors={fieldErrors[`tokens-${p.id}`]} />
                </div>
              ) : (
                <div className="field checkbox">
                  <input id={`project-${p.id}`} type="checkbox" name="project" value={p.id} checked={values[p.id] === "1"} onChange={(e) => change(p.id, e.target.checked ? "1" : "")} />
                  <label htmlFor={`project-${p.id}`}>{labels.choose(p.title)}</label>
                </div>
              )}
            </li>
          ) : choices.has(p.id) ? (
            // Chosen but filtered out of view: kept in the ballot.
            rules.method === "tokens" ? <input key={p.id} type="hidden" name={`tokens-${p.id}`} value={values[p.id]} /> : <input key={p.id} type="hidden" name="project" value={p.id} />
          ) : null,
        )}
      </ul>
      {summary}
      {pageCount > 1 ? (
        // Moving between pages saves the choices first (a draft), with or without JavaScript.
        <nav className="pagination" aria-label={t("budgets.ballot.pages")}>
          {page > 1 ? (
            <button type="submit" name="intent" value="update" formAction={pageHref(page - 1)} className="button button-secondary">
              {t("budgets.ballot.previousPage")}
            </button>
          ) : null}
          <span>{t("pagination.status", { page, pages: pageCount })}</span>
          {page < pageCount ? (
            <button type="submit" name="intent" value="update" formAction={pageHref(page + 1)} className="button button-secondary">
              {t("budgets.ballot.nextPage")}
            </button>
          ) : null}
        </nav>
      ) : null}
      <div className="form-actions">
        <button type="submit" name="intent" value="review" className="button">
          {t("budgets.ballot.review")}
        </button>
        <button type="submit" name="intent" value="update" className="button button-secondary">
          {t("budgets.ballot.update")}
        </button>
        {hasDraft ? (
          <button type="submit" name="intent" value="discard" className="link-button">
            {t("budgets.ballot.discard")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
