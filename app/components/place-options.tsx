import { useTranslation } from "react-i18next";

type Named = { id: number; nameEn: string; nameFr: string };

/** <option>s for districts or categories, named in the reader's language. */
export function PlaceOptions({ places }: { places: Named[] }) {
  const { i18n } = useTranslation();
  const fr = i18n.language === "fr";
  return (
    <>
      {places.map((p) => (
        <option key={p.id} value={p.id}>
          {fr ? p.nameFr : p.nameEn}
        </option>
      ))}
    </>
  );
}

/** A list filter over districts, categories or departments: a labelled select whose first choice is "any". */
export function PlaceFilter({ name, label, anyLabel, places, value }: { name: string; label: string; anyLabel: string; places: Named[]; value: number | string | null | undefined }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        <PlaceOptions places={places} />
      </select>
    </div>
  );
}
