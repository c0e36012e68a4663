import { Marked, type Tokens } from "marked";
import { LRUCache } from "lru-cache";
import sanitizeHtml from "sanitize-html";

/**
 * The app's one Markdown → HTML path (security baseline 15). Two independent layers:
 * 1. marked renders with raw HTML escaped to inert text, headings demoted and images
 *    turned into links;
 * 2. sanitize-html re-parses the output against a strict allow-list, so a marked bug or a
 *    missed construct still cannot produce live markup.
 *
 * Headings: Markdown `#` → h3, `##` → h4, `###` → h5, deeper → h6. h1/h2 belong to the page.
 * Links: http(s), mailto and same-site relative URLs only; always rel="nofollow ugc noopener",
 * never a target.
 */

/** Callers validate ≤ 10,000 characters; anything beyond this is cut before parsing. */
export const MAX_MARKDOWN_SOURCE_LENGTH = 20_000;

export const LINK_REL = "nofollow ugc noopener";

const HEADING_OFFSET = 2;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function capSource(source: string): string {
  if (typeof source !== "string") return "";
  if (source.length <= MAX_MARKDOWN_SOURCE_LENGTH) return source;
  let end = MAX_MARKDOWN_SOURCE_LENGTH;
  // Do not leave half of a surrogate pair at the cut.
  const last = source.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return source.slice(0, end);
}

// One configured instance, private to this module: the global `marked` stays untouched.
const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  silent: false,
  renderer: {
    // Raw HTML (block or inline) is shown as the text the user typed, never as markup.
    html(token: Tokens.HTML | Tokens.Tag) {
      const text = escapeHtml(token.text);
      return "block" in token && token.block ? `<p>${text.trim().replace(/\n/g, "<br>")}</p>\n` : text;
    },
    heading({ tokens, depth }: Tokens.Heading) {
      const level = Math.min(6, depth + HEADING_OFFSET);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // No <img>: photos are uploaded separately. Keep the reference as a plain link.
    image({ href, text }: Tokens.Image) {
      const label = escapeHtml(text || href);
      return href ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
    // GFM task lists: no <input>, a text marker instead.
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? "[x] " : "[ ] ";
    },
  },
});

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  // "//host/path" is an off-site link in disguise; only same-site relative URLs pass.
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  allowedIframeHostnames: [],
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  nestingLimit: 32,
  transformTags: {
    // marked never emits these (see heading renderer); this guards the allow-list anyway.
    h1: "h3",
    h2: "h4",
    a: (_tagName, attribs) => ({ tagName: "a", attribs: { ...attribs, rel: LINK_REL } }),
  },
};

/**
 * Markdown source → sanitized HTML, safe for the `Markdown` component. Synchronous; never
 * throws on string input.
 */
export function renderMarkdown(source: string): string {
  const key = typeof source === "string" ? source : "";
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderUncached(key);
    rendered.set(key, html);
  }
  return html;
}

/**
 * Rendering is pure, so popular ideas and comments are rendered once and served from memory
 * (bounded by total size; the least recently used go first).
 */
const rendered = new LRUCache<string, string>({ maxSize: 16_000_000, sizeCalculation: (html, source) => html.length + source.length + 1 });

function renderUncached(source: string): string {
  const capped = capSource(source);
  let html: string;
  try {
    html = markdown.parse(capped, { async: false });
  } catch {
    // Pathological input (e.g. nesting deep enough to exhaust the stack): show it as text.
    html = `<p>${escapeHtml(capped)}</p>`;
  }
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

const TEXT_ONLY: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: ["script", "style", "textarea", "option", "noscript"],
};

/** sanitize-html re-encodes exactly these four characters in text. */
function decodeSanitizedText(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function truncateAtWord(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const ellipsis = "…";
  if (maxLength <= ellipsis.length) return ellipsis.slice(0, Math.max(0, maxLength));
  let cut = text.slice(0, maxLength - ellipsis.length);
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  // Break at a word boundary unless that would throw away more than half the budget.
  const nextIsBoundary = /\s/.test(text.charAt(cut.length));
  if (!nextIsBoundary) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace > cut.length / 2) cut = cut.slice(0, lastSpace);
  }
  return cut.replace(/[\s.,;:!?\-–—]+$/u, "") + ellipsis;
}

/**
 * Markdown source → plain text for excerpts, notifications and e-mails: no markup, whitespace
 * collapsed, optionally truncated at a word boundary with "…" (result length ≤ maxLength).
 * The result is text, not HTML: let React or the mail template escape it.
 */
// Plain-text excerpts of the same texts are asked for again and again (the moderation queue, notices).
const plainTexts = new LRUCache<string, string>({ maxSize: 4_000_000, sizeCalculation: (text, key) => text.length + key.length + 1 });

export function markdownToPlainText(source: string, maxLength?: number): string {
  const key = `${maxLength ?? ""}|${source}`;
  const cached = plainTexts.get(key);
  if (cached !== undefined) return cached;
  const text = plainTextOf(source, maxLength);
  plainTexts.set(key, text);
  return text;
}

function plainTextOf(source: string, maxLength?: number): string {
  const html = renderMarkdown(source)
    // Keep words from adjacent blocks/cells apart once the tags are gone.
    .replace(/<br\s*\/?>|<\/(?:p|li|h[1-6]|t[hd]|tr|pre|blockquote)>|<hr\s*\/?>/g, "$& ");
  const text = decodeSanitizedText(sanitizeHtml(html, TEXT_ONLY)).replace(/\s+/g, " ").trim();
  if (maxLength === undefined || Number.isNaN(maxLength)) return text;
  return truncateAtWord(text, Math.floor(maxLength));
}
