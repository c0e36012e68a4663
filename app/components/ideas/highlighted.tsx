import { splitHighlights } from "~/modules/ideas/search";

/** Search matches as <mark>, everything as text: highlighting never turns input into markup. */
export function Highlighted({ text }: { text: string }) {
  return <>{splitHighlights(text).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
