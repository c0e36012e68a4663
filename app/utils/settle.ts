/**
 * Runs `send` once its inputs have been still for `delay` ms, unless a form is submitted first.
 * Components also skip starting while a navigation is under way, but that state reaches them only
 * on their next render, which React may defer (router updates render in a transition); a pending
 * timer could fire in between and start a fetch in the middle of the navigation. The submit
 * event, seen in the capture phase, arrives before the form's own handler sends anything.
 * Returns the effect's cleanup.
 */
export function afterSettling(send: () => void, delay: number): () => void {
  const timer = setTimeout(send, delay);
  const cancel = () => clearTimeout(timer);
  document.addEventListener("submit", cancel, true);
  return () => {
    cancel();
    document.removeEventListener("submit", cancel, true);
  };
}
