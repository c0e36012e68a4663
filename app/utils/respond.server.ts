import { json, redirect } from "@remix-run/node";

/**
 * After a small action (support, follow, rate...): a fetcher (JavaScript on) gets JSON and the
 * page updates in place; a plain form post (JavaScript off) is sent back to the page.
 */
// Browsers mark form navigations "navigate"; Remix strips its own `_data` marker before actions run.
const isNavigation = (request: Request) => request.headers.get("Sec-Fetch-Mode") === "navigate";

export function replyOrReturn<T>(request: Request, data: T, returnTo: string) {
  return isNavigation(request) ? redirect(returnTo, { status: 303 }) : json(data);
}

const REFUSAL_STATUS = { notFound: 404, forbidden: 403, suspended: 403, closed: 409, tooDeep: 400, rateLimited: 429, invalid: 400 } as const;
export type RefusalCode = keyof typeof REFUSAL_STATUS;

/** A refused write as an HTTP error whose body is the translation key of its explanation. */
export function refusal(error: RefusalCode) {
  return new Response(`errors.refused.${error}`, { status: REFUSAL_STATUS[error] });
}

/**
 * A refused small action: a plain form post gets the error page with the explanation; a fetcher
 * gets `{ error }` to show beside the button, and the page around it stays as it was.
 */
export function refuseSmallAction(request: Request, error: RefusalCode) {
  if (isNavigation(request)) throw refusal(error);
  return json({ error: `errors.refused.${error}` }, { status: REFUSAL_STATUS[error] });
}
