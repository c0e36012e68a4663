/** Decodes percent-escapes until nothing changes (a few rounds): "%252e" hides "%2e" hides ".". */
function decodeFully(value: string) {
  let current = value;
  for (let i = 0; i < 4; i++) {
    const next = decodeURIComponent(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * Only same-site paths survive: absolute URLs, protocol-relative `//host`, backslash tricks
 * (`/\host`), encoded slashes, `javascript:`, and dot segments (`/./`, `/../`, plain or
 * percent-encoded, which normalisation can turn into `//host`) all fall back to the default.
 * The resolved path is checked again after normalisation.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  let decoded: string;
  try {
    decoded = decodeFully(to);
  } catch {
    return fallback;
  }
  for (const candidate of [to, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
    // Control characters (tabs, newlines) are stripped by browsers and can turn "/\t/" into "//".
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback;
    const path = candidate.split(/[?#]/)[0];
    if (path.split("/").some((segment) => segment === "." || segment === "..")) return fallback;
  }
  // Resolving against a dummy origin must not change the origin, nor leave a "//" path.
  const url = new URL(to, "http://local.invalid");
  if (url.origin !== "http://local.invalid" || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
