import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors } from "~/components/ui/field";
import { CURRENCIES, VOTING_METHODS, WINNER_RULES } from "~/modules/budgets/kinds";
import { CycleFormSchema } from "~/modules/budgets/validation";
import { useZodForm } from "~/utils/forms";

type Named = { id: number; nameEn: string; nameFr: string };
export type CycleDefaults = Record<string, string | Record<string, string> | undefined>;

/**
 * An admin's cycle form (new and edit). Times are the city's wall clock. Once ballots exist, the
 * rules are shown locked (disabled, with the reason) and the server refuses a change to them.
 */
export function CycleForm({ defaults, districts, lastResult, locked, submitLabel }: { defaults: CycleDefaults; districts: Named[]; lastResult: SubmissionResult<string[]> | null | undefined; locked: boolean; submitLabel: string }) {
  const { t, i18n } = useTranslation();
  const fr = i18n.language === "fr";
  const [form, fields] = useZodForm(CycleFormSchema, lastResult, "cycle", defaults as never);
  const envelopeDefaults = (defaults.envelopes ?? {}) as Record<string, string>;
  const typedEnvelopes = (lastResult?.initialValue?.envelopes ?? null) as Record<string, string> | null;
  const envelopeValue = (key: string) => (typedEnvelopes ? (typedEnvelopes[key] ?? "") : (envelopeDefaults[key] ?? ""));
  const errorsOf = (key: string) => form.allErrors[`envelopes.${key}`];
  type TextField = Exclude<keyof typeof fields, "envelopes">;
  const text = (name: TextField, label: string, hint?: string, lockedField = false) => {
    const f = fields[name] as (typeof fields)["name"];
    return (
      <Field id={f.id} label={label} errors={f.errors} errorId={f.errorId} hint={hint} hintId={hint ? `${f.id}-hint` : undefined}>
        <input {...getInputProps(f, { type: "text" })} autoComplete="off" readOnly={lockedField && locked} aria-readonly={lockedField && locked ? true : undefined} />
      </Field>
    );
  };
  const when = (name: TextField, label: string, lockedField = false) => {
    const f = fields[name] as (typeof fields)["name"];
    return (
      <Field id={f.id} label={label} errors={f.errors} errorId={f.errorId}>
        <input {...getInputProps(f, { type: "datetime-local" })} readOnly={lockedField && locked} />
      </Field>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FieldErrors id={form.errorId} errors={form.errors} />
      {locked ? <p className="alert">{t("budgets.admin.lockedNote")}</p> : null}
      {text("name", t("budgets.admin.name"))}
      {text("slug", t("budgets.admin.slug"), t("budgets.admin.slugHint"))}
      <Field id={fields.currency.id} label={t("budgets.admin.currency")} errors={fields.currency.errors} errorId={fields.currency.errorId}>
        <select {...getSelectProps(fields.currency)}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>{t("budgets.admin.rules")}</legend>
        <Field id={fields.method.id} label={t("budgets.admin.method")} errors={fields.method.errors} errorId={fields.method.errorId}>
          <select {...getSelectProps(fields.method)} aria-disabled={locked || undefined}>
            {VOTING_METHODS.map((m) => (
              <option key={m} value={m} disabled={locked && m !== defaults.method}>
                {t(`budgets.method.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="field-row">
          {text("tokens", t("budgets.admin.tokens"), undefined, true)}
          {text("maxTokensPerProject", t("budgets.admin.maxTokensPerProject"), t("budgets.admin.optional"), true)}
        </div>
        <div className="field-row">
          {text("minApprovals", t("budgets.admin.minApprovals"), undefined, true)}
          {text("maxApprovals", t("budgets.admin.maxApprovals"), undefined, true)}
        </div>
        <Field id={fields.winnerRule.id} label={t("budgets.admin.winnerRule")} errors={fields.winnerRule.errors} errorId={fields.winnerRule.errorId}>
          <select {...getSelectProps(fields.winnerRule)}>
            {WINNER_RULES.map((r) => (
              <option key={r} value={r} disabled={locked && r !== defaults.winnerRule}>
                {t(`budgets.rule.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="field checkbox">
          {/* Locked: a disabled box sends nothing, so the value it shows travels in a hidden field. */}
          <input {...getInputProps(fields.secondAdminPublishes, { type: "checkbox", value: "yes", ariaDescribedBy: `${fields.secondAdminPublishes.id}-hint` })} disabled={locked} />
          <label htmlFor={fields.secondAdminPublishes.id}>{t("budgets.admin.secondAdminPublishes")}</label>
          {locked && defaults.secondAdminPublishes ? <input type="hidden" name="secondAdminPublishes" value="yes" /> : null}
          <p className="field-hint" id={`${fields.secondAdminPublishes.id}-hint`}>
            {t("budgets.admin.secondAdminPublishesHint")}
          </p>
          <FieldErrors id={fields.secondAdminPublishes.errorId} errors={fields.secondAdminPublishes.errors} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("budgets.admin.eligibility")}</legend>
        <p className="field-hint">{t("budgets.admin.eligibilityHint")}</p>
        {text("minAccountAgeDays", t("budgets.admin.minAccountAgeDays"), t("budgets.admin.optional"), true)}
        {when("residencyCutoffAt", t("budgets.admin.residencyCutoffAt"), true)}
      </fieldset>
      <fieldset>
        <legend>{t("budgets.admin.dates")}</legend>
        <p className="field-hint">{t("budgets.admin.datesHint")}</p>
        {when("collectingAt", t("budgets.admin.collectingAt"))}
        {when("reviewingAt", t("budgets.admin.reviewingAt"))}
        {when("votingAt", t("budgets.admin.votingAt"), true)}
        {when("votingEndsAt", t("budgets.admin.votingEndsAt"))}
        {when("implementingAt", t("budgets.admin.implementingAt"))}
        {when("closedAt", t("budgets.admin.closedAt"))}
      </fieldset>
      <fieldset>
        <legend>{t("budgets.admin.envelopes")}</legend>
        <p className="field-hint">{t("budgets.admin.envelopesHint")}</p>
        {[{ key: "city", label: t("budgets.cityWide") }, ...districts.map((d) => ({ key: `d${d.id}`, label: fr ? d.nameFr : d.nameEn }))].map(({ key, label }) => (
          <div className="field" key={key}>
            <label htmlFor={`envelope-${key}`}>{t("budgets.admin.envelopeAmount", { name: label })}</label>
            <input id={`envelope-${key}`} name={`envelopes.${key}`} inputMode="numeric" autoComplete="off" defaultValue={envelopeValue(key)} readOnly={locked} aria-describedby={errorsOf(key) ? `envelope-${key}-error` : undefined} />
            <FieldErrors id={`envelope-${key}-error`} errors={errorsOf(key)} />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
