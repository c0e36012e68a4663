import type { MetaFunction } from "@remix-run/node";

/**
 * Page title "<page> · <site>": loaders return an already translated `title`, the root loader
 * the translated site name, so titles follow the reader's language on server and client alike.
 */
export const pageTitleMeta: MetaFunction = ({ data, matches }) => {
  const site = (matches.find((m) => m.id === "root")?.data as { siteName?: string } | undefined)?.siteName ?? "";
  const title = (data as { title?: string } | undefined)?.title;
  return [{ title: title ? `${title} · ${site}` : site }];
};
