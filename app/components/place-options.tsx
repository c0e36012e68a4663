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
