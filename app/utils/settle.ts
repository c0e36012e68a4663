/**
 * Helpers for what a form does while someone types (the live preview, similar ideas): requests
 * that go straight to the server, not through the router. A router fetcher post that completes
 * during a navigation ends that navigation with its own revalidation, so a preview still on its
 * way when "Publish" was pressed could leave the new idea's page empty; these requests cannot.
 */

import { useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";

/** Dispatched on a form whose submission is about to be sent (see `announceSending`). */
const SENDING = "civic:form-sending";

/**
 * Says that a form is being sent: the forms of `useZodForm` call it from conform's onSubmit,
 * which runs only for a real, valid submission, before Remix sends it. A bare `submit` event
 * would not do: conform also submits the form to validate a field on blur, and stops a real
 * submission that fails validation.
 */
export function announceSending(form: HTMLFormElement) {
  form.dispatchEvent(new Event(SENDING, { bubbles: true }));
}

/**
 * Runs `send` once its inputs have been still for `delay` ms. Stops when a form is sent or the
 * effect is cleaned up (new input, a navigation, unmounting): a pending timer is cleared and a
 * request under way is aborted through the signal. Components also skip starting while a
 * navigation is under way, but that state reaches them only on a later render, which React may
 * defer; the announcement comes before the form sends anything. Returns the effect's cleanup.
 */
export function afterSettling(send: (signal: AbortSignal) => void, delay: number): () => void {
  const controller = new AbortController();
  const timer = setTimeout(() => send(controller.signal), delay);
  const stop = () => {
    clearTimeout(timer);
    controller.abort();
  };
  document.addEventListener(SENDING, stop);
  return () => {
    stop();
    document.removeEventListener(SENDING, stop);
  };
}

/** The JSON answer of a same-origin request, or null when it failed, was refused or was aborted. */
export async function fetchJson<T>(url: string, init: RequestInit): Promise<T | null> {
  try {
    const headers = new Headers(init.headers);
    headers.set("Accept", "application/json");
    const response = await fetch(url, { ...init, headers });
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}

/**
 * The server's answer for what was typed, asked once typing has paused, never while a navigation
 * is under way or after the form was sent. `input` null asks nothing; `ask` must be stable (a
 * module function). The answer is the latest one received and names the input it was for.
 */
export function useSettledAnswer<T>(input: string | null, ask: (input: string, signal: AbortSignal) => Promise<T | null>, delay: number) {
  const [found, setFound] = useState<{ input: string; answer: T } | null>(null);
  const navigating = useNavigation().state !== "idle";
  useEffect(() => {
    if (input === null || navigating || found?.input === input) return;
    return afterSettling(async (signal) => {
      const answer = await ask(input, signal);
      if (answer && !signal.aborted) setFound({ input, answer });
    }, delay);
  }, [input, navigating, found, ask, delay]);
  return found;
}
