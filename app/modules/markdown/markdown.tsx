/**
 * Renders HTML produced by `renderMarkdown` (render.server.ts). `html` MUST come from
 * renderMarkdown, which escapes raw HTML and sanitizes the result against a strict allow-list;
 * never pass any other string. This is the app's only dangerouslySetInnerHTML (baseline 16).
 */
export function Markdown({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
