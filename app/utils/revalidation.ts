import type { ShouldRevalidateFunction } from "@remix-run/react";

/** Posts that change nothing: the Markdown preview renders text and stores none. */
const READ_ONLY_POSTS = new Set(["/markdown/preview"]);

/**
 * After a fetcher post, Remix reloads every loader on the page; after a preview there is nothing
 * new to load, so the page's loaders (and the root's) are left as they are.
 */
export const skipAfterReadOnlyPosts: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction && READ_ONLY_POSTS.has(formAction) ? false : defaultShouldRevalidate;
