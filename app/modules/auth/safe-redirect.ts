/**
 * Only same-site paths survive: absolute URLs, protocol-relative `//host`, backslash tricks
 * (`/\host`), encoded slashes and `javascript:` all fall back to the default.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  for (const candidate of [to, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
    // Control characters (tabs, newlines) are stripped by browsers and can turn "/\t/" into "//".
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  }
  // Resolving against a dummy origin must not change the origin.
  const url = new URL(to, "http://local.invalid");
  if (url.origin !== "http://local.invalid") return fallback;
  return url.pathname + url.search + url.hash;
}
