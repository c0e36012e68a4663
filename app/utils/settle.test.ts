import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterSettling } from "./settle";

// The helper only needs the document as an event target: a plain EventTarget stands in for it.
describe("afterSettling", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("document", new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("sends once the input has been still for the delay", () => {
    const send = vi.fn();
    afterSettling(send, 400);
    vi.advanceTimersByTime(399);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("never sends once a form was submitted, even before the page re-renders", () => {
    const send = vi.fn();
    afterSettling(send, 400);
    vi.advanceTimersByTime(200);
    document.dispatchEvent(new Event("submit"));
    vi.advanceTimersByTime(10_000);
    expect(send).not.toHaveBeenCalled();
  });

  it("stops listening when cleaned up, so a later submit touches nothing and typing again sends again", () => {
    const first = vi.fn();
    const cleanup = afterSettling(first, 400);
    cleanup();
    const second = vi.fn();
    afterSettling(second, 400);
    vi.advanceTimersByTime(400);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });
});
