import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterSettling, announceSending } from "./settle";

// The helper only needs the document as an event target, and a form only to dispatch from: plain
// EventTargets stand in for them (the form's announcement reaches the document as if it bubbled).
describe("afterSettling", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal("document", new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const announce = () => announceSending(document as unknown as HTMLFormElement);

  it("sends once the input has been still for the delay", () => {
    const send = vi.fn();
    afterSettling(send, 400);
    vi.advanceTimersByTime(399);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0][0].aborted).toBe(false);
  });

  it("never sends once a form is being sent, even before the page re-renders", () => {
    const send = vi.fn();
    afterSettling(send, 400);
    vi.advanceTimersByTime(200);
    announce();
    vi.advanceTimersByTime(10_000);
    expect(send).not.toHaveBeenCalled();
  });

  it("aborts a request already under way when a form is sent or the input changes", () => {
    const signals: AbortSignal[] = [];
    const cleanup = afterSettling((signal) => signals.push(signal), 400);
    vi.advanceTimersByTime(400);
    announce();
    expect(signals.map((s) => s.aborted)).toEqual([true]);
    const cleanupNext = afterSettling((signal) => signals.push(signal), 400);
    vi.advanceTimersByTime(400);
    cleanupNext();
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
    cleanup();
  });

  it("still sends after a submit event that sends nothing (conform validating a field on blur)", () => {
    const send = vi.fn();
    afterSettling(send, 400);
    vi.advanceTimersByTime(200);
    document.dispatchEvent(new Event("submit"));
    vi.advanceTimersByTime(200);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("never sends once cleaned up (new input), and the next settling sends as usual", () => {
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
