import { markdownToPlainText } from "~/modules/markdown/render.server";

export const EXCERPT_LENGTH = 200;

/** The plain-text start of an idea's body, stored with the idea for the lists. */
export function ideaExcerpt(body: string) {
  return markdownToPlainText(body, EXCERPT_LENGTH);
}
