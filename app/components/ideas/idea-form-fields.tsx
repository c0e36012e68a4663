import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PlaceOptions } from "~/components/place-options";
import { Field } from "~/components/ui/field";
import { Markdown } from "~/modules/markdown/markdown";
import { BODY_MAX, TITLE_MAX } from "~/modules/ideas/validation";
import { useRootData } from "~/root";
import { fetchJson, useSettledAnswer } from "~/utils/settle";
import { LocationMap } from "./location-map";

type Option = { id: number; nameEn: string; nameFr: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's field types vary by schema output
type Fields = Record<"title" | "body" | "categoryId" | "districtId" | "latitude" | "longitude" | "estimatedCost", FieldMetadata<any, any, string[]>>;

const askPreview = (body: string, signal: AbortSignal) => fetchJson<{ html: string }>("/markdown/preview", { method: "POST", body: new URLSearchParams({ body }), signal });

/** Re-renders the body through the server's sanitizing renderer, 400 ms after typing stops. */
function LivePreview({ body }: { body: string }) {
  const { t } = useTranslation();
  const preview = useSettledAnswer(body.trim() ? body : null, askPreview, 400)?.answer;
  if (!body.trim() || !preview) return null;
  return (
    <section className="preview" aria-label={t("ideas.form.preview")}>
      <h2>{t("ideas.form.preview")}</h2>
      <Markdown html={preview.html} className="prose" />
    </section>
  );
}

export function IdeaFormFields({ fields, categories, districts }: { fields: Fields; categories: Option[]; districts: Option[] }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(String(fields.body.initialValue ?? ""));
  const map = useRootData()?.map;
  const numberOrNull = (v: unknown) => (v === undefined || v === "" || Number.isNaN(Number(v)) ? null : Number(v));
  // A pick on the map fills the typed fields, which stay the source of truth.
  const placeOnMap = (latitude: number, longitude: number) => {
    for (const [id, value] of [[fields.latitude.id, latitude], [fields.longitude.id, longitude]] as const) {
      const input = document.getElementById(id) as HTMLInputElement | null;
      if (!input) continue;
      input.value = String(value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  };
  return (
    <>
      <Field id={fields.title.id} label={t("ideas.fields.title")} errors={fields.title.errors} errorId={fields.title.errorId} hint={t("ideas.form.titleHint", { max: TITLE_MAX })} hintId={`${fields.title.id}-hint`}>
        <input {...getInputProps(fields.title, { type: "text" })} maxLength={TITLE_MAX} />
      </Field>
      <Field id={fields.body.id} label={t("ideas.fields.body")} errors={fields.body.errors} errorId={fields.body.errorId} hint={t("ideas.form.bodyHint", { max: BODY_MAX })} hintId={`${fields.body.id}-hint`}>
        <textarea {...getTextareaProps(fields.body)} rows={10} maxLength={BODY_MAX} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <LivePreview body={body} />
      <div className="field-row">
        <Field id={fields.categoryId.id} label={t("ideas.fields.category")} errors={fields.categoryId.errors} errorId={fields.categoryId.errorId}>
          <select {...getSelectProps(fields.categoryId)} required={false}>
            <option value="">{t("ideas.form.noCategory")}</option>
            <PlaceOptions places={categories} />
          </select>
        </Field>
        <Field id={fields.districtId.id} label={t("ideas.fields.district")} errors={fields.districtId.errors} errorId={fields.districtId.errorId}>
          <select {...getSelectProps(fields.districtId)} required={false}>
            <option value="">{t("ideas.form.cityWide")}</option>
            <PlaceOptions places={districts} />
          </select>
        </Field>
      </div>
      <fieldset className="location">
        <legend>{t("ideas.fields.location")}</legend>
        <p className="field-hint">{t("ideas.form.locationHint")}</p>
        {map ? <LocationMap tiles={map} latitude={numberOrNull(fields.latitude.initialValue)} longitude={numberOrNull(fields.longitude.initialValue)} onPick={placeOnMap} /> : null}
        <div className="field-row">
          <Field id={fields.latitude.id} label={t("ideas.fields.latitude")} errors={fields.latitude.errors} errorId={fields.latitude.errorId}>
            <input {...getInputProps(fields.latitude, { type: "text" })} required={false} inputMode="decimal" autoComplete="off" />
          </Field>
          <Field id={fields.longitude.id} label={t("ideas.fields.longitude")} errors={fields.longitude.errors} errorId={fields.longitude.errorId}>
            <input {...getInputProps(fields.longitude, { type: "text" })} required={false} inputMode="decimal" autoComplete="off" />
          </Field>
        </div>
      </fieldset>
      <Field id={fields.estimatedCost.id} label={t("ideas.fields.estimatedCost")} errors={fields.estimatedCost.errors} errorId={fields.estimatedCost.errorId} hint={t("ideas.form.costHint")} hintId={`${fields.estimatedCost.id}-hint`}>
        <input {...getInputProps(fields.estimatedCost, { type: "text" })} required={false} inputMode="numeric" autoComplete="off" />
      </Field>
    </>
  );
}
