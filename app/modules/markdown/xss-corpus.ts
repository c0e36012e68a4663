import { Parser } from "htmlparser2";

/**
 * Hostile inputs shared by every test that puts user text on a page (Markdown bodies, idea
 * titles, comments, display names, report notes; unit and Playwright tests alike). Keep this
 * module free of Remix/Vite-only imports.
 */
export const XSS_CORPUS: string[] = [
  // Raw HTML
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  "<style>@import 'x'</style>",
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)",
  "<details open ontoggle=alert(1)>",
  '<object data="x">',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  "<input autofocus onfocus=alert(1)>",
  "<body onload=alert(1)>",
  '<a href="https://example.com" onclick="alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<img src=x onerror=alert(1)//",
  "<<script>script>alert(1)<</script>/script>",
  "<scr<script>ipt>alert(1)</script>",
  "</textarea><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  "\u0000<script>alert(1)</script>",
  // Obfuscated URLs in HTML
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="\u0001javascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  // Mutation XSS / parser differentials
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  "<svg><style><img src=x onerror=alert(1)></style></svg>",
  "<template><script>alert(1)</script></template>",
  '<table><td><a href="javascript:alert(1)">x</a></td></table>',
  // Markdown links and images
  "[click](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](jav&#x09;ascript:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x](<javascript:alert(1)>)",
  "<javascript:alert(1)>",
  "[ref]\n\n[ref]: javascript:alert(1)",
  '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
  '![x](x" onerror="alert(1))',
  "![x](javascript:alert(1))",
  // Markup inside code must stay text
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  // Template-injection shaped text (must simply stay text)
  "{{constructor.constructor('alert(1)')()}}",
];

const FORBIDDEN_ELEMENTS = new Set([
  "script", "iframe", "frame", "frameset", "svg", "math", "object", "embed", "applet",
  "form", "style", "link", "meta", "base", "template",
  // Parsed as raw text by browsers but as elements by htmlparser2: a parser differential.
  "noscript", "noembed", "noframes", "xmp", "plaintext",
]);

const URL_ATTRIBUTES = new Set([
  "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
  "cite", "srcset", "ping", "codebase", "longdesc", "lowsrc", "dynsrc", "manifest", "icon",
]);

const DANGEROUS_SCHEME = /^(?:javascript|data|vbscript):/;
const RAW_FORBIDDEN_TAG = new RegExp(`<\\/?(${[...FORBIDDEN_ELEMENTS].join("|")})(?=[\\s/>]|$)`, "gi");

// What a browser ignores when reading a URL scheme (C0 controls, space, C1 controls).
function normaliseUrl(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
}

/**
 * Problems that would make `html` live markup if inserted into a page; an empty list means
 * inert. Meant for fragments of user content (not whole pages, which carry their own
 * scripts). Attributes are read with htmlparser2, which decodes entities as a browser does.
 */
export function assertInertHtml(html: string): string[] {
  const problems = new Set<string>();
  let tag = "";

  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name;
        if (FORBIDDEN_ELEMENTS.has(name)) problems.add(`forbidden element <${name}>`);
      },
      onattribute(rawName, value) {
        const name = rawName.toLowerCase();
        if (/^on[a-z]/.test(name)) problems.add(`event handler attribute ${name} on <${tag}>`);
        if (name === "srcdoc") problems.add(`srcdoc attribute on <${tag}>`);
        if (URL_ATTRIBUTES.has(name)) {
          const candidates = name === "srcset" ? value.split(",") : [value];
          for (const candidate of candidates) {
            const url = normaliseUrl(candidate);
            const scheme = DANGEROUS_SCHEME.exec(url);
            if (scheme) problems.add(`${scheme[0]} URL in ${name} on <${tag}>`);
          }
        }
        if (name === "style" && /javascript:|expression\(|-moz-binding|behavior:/i.test(normaliseUrl(value))) {
          problems.add(`scriptable style attribute on <${tag}>`);
        }
        // Safe serializers escape "<" in attribute values; a tag-like "<" there is how
        // mutation XSS hides markup from one parser and shows it to another.
        if (/<[a-z!/?]/i.test(value)) problems.add(`markup inside ${name} attribute on <${tag}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  // Parser-independent: these tag names must not appear as literal markup anywhere.
  for (const match of html.matchAll(RAW_FORBIDDEN_TAG)) {
    problems.add(`forbidden element <${(match[1] ?? "").toLowerCase()}>`);
  }
  return [...problems];
}
