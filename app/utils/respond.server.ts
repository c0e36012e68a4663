import { redirect } from "@remix-run/node";
import { REFUSAL_STATUS, refuse, type Refusal, type RefusalCode } from "~/modules/commands/outcome";
import { encodeMessage } from "./forms.server";

/**
 * After a small action (support, follow, rate...): a fetcher (JavaScript on) gets data and the
 * page updates in place; a plain form post (JavaScript off) is sent back to the page. The data
 * goes as a JSON response, not a bare object: these routes have no page, so a script posting to
 * them directly gets JSON (Remix then unwraps it for a fetcher), which React Router 7 requires and
 * Remix 2 otherwise warns about on every such request.
 */
// Browsers mark form navigations "navigate"; a fetcher's request is "cors" or "same-origin".
const isNavigation = (request: Request) => request.headers.get("Sec-Fetch-Mode") === "navigate";

/**
 * A 303 to a place on the page the form was posted from (a new comment's anchor). The router
 * sees only a hash change there and would skip the loaders, leaving the page as it was; the
 * header asks it to reload them.
 */
export function redirectToAnchor(url: string) {
  return redirect(url, { status: 303, headers: { "X-Remix-Revalidate": "yes" } });
}

export function replyOrReturn<T>(request: Request, value: T, returnTo: string) {
  return isNavigation(request) ? redirect(returnTo, { status: 303 }) : Response.json(value);
}

/** A refusal as a thrown HTTP error whose body is its (encoded) message, for the error page to explain. */
export function refusalResponse(refusal: Refusal | RefusalCode) {
  const r = typeof refusal === "string" ? refuse(refusal) : refusal;
  return new Response(encodeMessage(r), { status: REFUSAL_STATUS[r.code], headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * A refused small action: a plain form post gets the error page with the explanation; a fetcher
 * gets `{ error }` to show beside the button, and the page around it stays as it was.
 */
export function refuseSmallAction(request: Request, refusal: Refusal | RefusalCode) {
  const r = typeof refusal === "string" ? refuse(refusal) : refusal;
  if (isNavigation(request)) throw refusalResponse(r);
  return Response.json({ error: encodeMessage(r) }, { status: REFUSAL_STATUS[r.code] });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}
