/**
 * Resolves once the render a store update scheduled has reached the DOM, still before the frame is
 * painted: React flushes a store update in a microtask queued by the update, and the DOM's mutation
 * observers are told in one queued by that flush; this resolves in a microtask queued after both.
 * (A new task would come only after the frame, since Chrome paints the result of a key press first.)
 * Work a key press causes besides the move itself (the decision's call to main, loading the next
 * row's details) waits for this, so the move is in the DOM first.
 */
export const afterRender = (): Promise<void> =>
  new Promise((resolve) => queueMicrotask(() => queueMicrotask(resolve)));
