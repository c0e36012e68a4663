import { describe, it, expect } from "vitest";
import { marked } from "marked";
import { Parser } from "htmlparser2";
import { LINK_REL, MAX_MARKDOWN_SOURCE_LENGTH, markdownToPlainText, renderMarkdown } from "./render.server";
import { XSS_CORPUS, assertInertHtml } from "./xss-corpus";

const ALLOWED_TAGS = new Set([
  "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
  "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
]);

/** Every tag and attribute outside the renderer's allow-list. */
function allowListViolations(html: string): string[] {
  const violations: string[] = [];
  let tag = "";
  const parser = new Parser({
    onopentagname(name) {
      tag = name;
      if (!ALLOWED_TAGS.has(name)) violations.push(`<${name}>`);
    },
    onattribute(name, value) {
      if (tag === "a" && name === "href") return;
      if (tag === "a" && name === "rel" && value === LINK_REL) return;
      violations.push(`${name}="${value}" on <${tag}>`);
    },
  });
  parser.write(html);
  parser.end();
  return violations;
}

describe("renderMarkdown: ordinary Markdown", () => {
  it("renders emphasis, strikethrough and inline code with < escaped", () => {
    const html = renderMarkdown("*em* **strong** ~~gone~~ `a<b && c`");
    expect(html).toBe("<p><em>em</em> <strong>strong</strong> <del>gone</del> <code>a&lt;b &amp;&amp; c</code></p>\n");
  });

  it("renders ordered, unordered and task lists without form controls", () => {
    const html = renderMarkdown("- one\n- two\n\n1. first\n2. second\n\n- [ ] todo\n- [x] done");
    expect(html).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(html).toContain("<ol>\n<li>first</li>\n<li>second</li>\n</ol>");
    expect(html).toContain("<li>[ ] todo</li>");
    expect(html).toContain("<li>[x] done</li>");
    expect(html).not.toContain("<input");
  });

  it("turns single newlines into line breaks", () => {
    expect(renderMarkdown("line one\nline two")).toBe("<p>line one<br />line two</p>\n");
  });

  it("gives every link the ugc rel and no target or title", () => {
    const html = renderMarkdown('[site](https://example.com/a?b=1&c=2 "Title") and www.example.org');
    expect(html).toBe(
      `<p><a href="https://example.com/a?b=1&amp;c=2" rel="${LINK_REL}">site</a> and ` +
        `<a href="http://www.example.org" rel="${LINK_REL}">www.example.org</a></p>\n`,
    );
    expect(html).not.toContain("target");
    expect(html).not.toContain("title");
  });

  it("never lets the author's own anchor (rel, target) through as markup", () => {
    const html = renderMarkdown('<a href="https://x.test" rel="opener" target="_blank">x</a> [y](https://y.test)');
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain(`<a href="https://y.test" rel="${LINK_REL}">y</a>`);
    expect(allowListViolations(html)).toEqual([]);
  });

  it("keeps http(s), mailto and same-site relative links; drops everything else", () => {
    const hrefs = (source: string) => [...renderMarkdown(source).matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs("[a](https://a.test) [b](http://b.test) [c](mailto:c@c.test) [d](/ideas/42) [e](#top) [f](../x)")).toEqual([
      "https://a.test", "http://b.test", "mailto:c@c.test", "/ideas/42", "#top", "../x",
    ]);
    expect(hrefs("[a](javascript:alert(1)) [b](data:text/plain,x) [c](vbscript:x) [d](//evil.test/x) [e](ftp://f.test) [f](tel:123)")).toEqual([]);
  });

  it("renders fenced code with markup escaped and no language class", () => {
    const html = renderMarkdown("```ts\nif (a < b && c > d) { x('<b>'); }\n```");
    expect(html).toBe("<pre><code>if (a &lt; b &amp;&amp; c &gt; d) { x('&lt;b&gt;'); }\n</code></pre>\n");
  });

  it("renders GFM tables without alignment attributes", () => {
    const html = renderMarkdown("| Idea | Votes |\n|:-----|------:|\n| Park | 12 |");
    expect(html).toContain("<table>");
    expect(html).toContain("<th>Idea</th>");
    expect(html).toContain("<td>12</td>");
    expect(html).not.toContain("align");
  });

  it("renders blockquotes and rules", () => {
    expect(renderMarkdown("> quoted\n\n---")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />\n");
  });

  it("demotes headings by two levels so h1/h2 stay the page's", () => {
    const html = renderMarkdown("# a\n## b\n### c\n#### d\n##### e\n###### f\n\nSetext\n======");
    expect(html).toBe("<h3>a</h3>\n<h4>b</h4>\n<h5>c</h5>\n<h6>d</h6>\n<h6>e</h6>\n<h6>f</h6>\n<h3>Setext</h3>\n");
  });

  it("shows raw HTML as the literal text that was typed", () => {
    expect(renderMarkdown("Hello <b>there</b>")).toBe("<p>Hello &lt;b&gt;there&lt;/b&gt;</p>\n");
    expect(renderMarkdown("<div>\nblock\n</div>")).toBe("<p>&lt;div&gt;<br />block<br />&lt;/div&gt;</p>\n");
  });

  it("turns images into plain links (photos are uploaded separately)", () => {
    const html = renderMarkdown("![A bench](https://img.test/bench.jpg)");
    expect(html).toBe(`<p><a href="https://img.test/bench.jpg" rel="${LINK_REL}">A bench</a></p>\n`);
  });

  it("keeps entities as text", () => {
    expect(renderMarkdown("&copy; 5 > 3 & \"q\"")).toBe("<p>© 5 &gt; 3 &amp; \"q\"</p>\n");
  });

  it("does not touch the global marked instance", () => {
    renderMarkdown("# x");
    expect(marked.parse("# x", { async: false })).toBe("<h1>x</h1>\n");
  });
});

describe("renderMarkdown: hostile input", () => {
  it.each(XSS_CORPUS.map((payload) => [payload]))("renders %j as inert, allow-listed HTML", (payload) => {
    const html = renderMarkdown(payload);
    expect(assertInertHtml(html)).toEqual([]);
    expect(allowListViolations(html)).toEqual([]);
  });

  it("stays inert when payloads are embedded in Markdown structures", () => {
    const wrappers = [
      (p: string) => `> ${p}`,
      (p: string) => `- ${p}`,
      (p: string) => `| a |\n|---|\n| ${p} |`,
      (p: string) => `**${p}**`,
      (p: string) => `[${p}](https://ok.test)`,
      (p: string) => `# ${p}`,
      (p: string) => `text\n\n${p}\n\ntext`,
    ];
    for (const wrap of wrappers) {
      for (const payload of XSS_CORPUS) {
        const html = renderMarkdown(wrap(payload));
        expect(assertInertHtml(html), html).toEqual([]);
        expect(allowListViolations(html), html).toEqual([]);
      }
    }
  });

  it("does not throw on 1 MB of input and caps the work", () => {
    const inputs = [
      "a".repeat(1_000_000),
      ">".repeat(1_000_000),
      "[".repeat(1_000_000),
      "*a".repeat(500_000),
      "<a ".repeat(350_000),
      Array.from({ length: 20_000 }, (_, i) => `${"  ".repeat(i % 200)}- item`).join("\n"),
      "😀".repeat(500_000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      const html = renderMarkdown(input);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(assertInertHtml(html)).toEqual([]);
      expect(allowListViolations(html)).toEqual([]);
    }
    const plain = renderMarkdown("b".repeat(1_000_000));
    expect(plain).toBe(`<p>${"b".repeat(MAX_MARKDOWN_SOURCE_LENGTH)}</p>\n`);
  });

  it("does not split a surrogate pair at the cap", () => {
    const html = renderMarkdown("a" + "😀".repeat(MAX_MARKDOWN_SOURCE_LENGTH));
    expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("returns an empty string for empty or non-string input", () => {
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown(undefined as unknown as string)).toBe("");
  });
});

describe("assertInertHtml", () => {
  const unsafe: [string, string][] = [
    ["<script>alert(1)</script>", "<script>"],
    ["<SCRIPT SRC=//x.test/x.js></SCRIPT>", "<script>"],
    ["<p>ok</p><iframe src=x></iframe>", "<iframe>"],
    ["<svg><circle/></svg>", "<svg>"],
    ["<object data=x></object>", "<object>"],
    ["<embed src=x>", "<embed>"],
    ["<form><button>go</button></form>", "<form>"],
    ["<style>p{}</style>", "<style>"],
    ["<math><mi>x</mi></math>", "<math>"],
    ["<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<noscript>"],
    ['<p title="</noscript><img src=x onerror=alert(1)>">x</p>', "markup inside title"],
    ["<img src=x onerror=alert(1)>", "onerror"],
    ["<img src=x ONERROR = alert(1)>", "onerror"],
    ["<a href=x onclick='alert(1)'>x</a>", "onclick"],
    ['<a href="javascript:alert(1)">x</a>', "javascript:"],
    ['<a href="  JaVaScRiPt:alert(1)">x</a>', "javascript:"],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', "javascript:"],
    ['<a href="jav\tascript:alert(1)">x</a>', "javascript:"],
    ['<a href="&#106;avascript:alert(1)">x</a>', "javascript:"],
    ['<a href="&#x6A;avascript&colon;alert(1)">x</a>', "javascript:"],
    ['<a href="\u0001javascript:alert(1)">x</a>', "javascript:"],
    ['<a href="data:text/html,x">x</a>', "data:"],
    ['<img src="vbscript:msgbox(1)">', "vbscript:"],
    ['<img srcset="a.png 1x, javascript:alert(1) 2x">', "javascript:"],
    ['<iframe srcdoc="x"></iframe>', "srcdoc"],
    ['<div srcdoc="x"></div>', "srcdoc"],
    ['<div style="background:url(javascript:alert(1))">x</div>', "style"],
    // Hidden from htmlparser2 (raw text inside <textarea>) but still literal markup.
    ["<textarea><script>alert(1)</script></textarea>", "<script>"],
  ];

  it.each(unsafe)("flags %j", (html, expected) => {
    const problems = assertInertHtml(html);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toContain(expected);
  });

  const safe = [
    "",
    "plain text",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "<pre><code>&lt;svg onload=alert(1)&gt;</code></pre>",
    `<p><a href="https://example.com/?q=javascript:x" rel="${LINK_REL}">x</a></p>`,
    '<p><a href="/ideas/1">x</a> <a href="mailto:a@b.test">m</a></p>',
    '<img src="/photos/1.webp" alt="A bench">',
    "<p>The word onion=tasty and data: and javascript: in prose</p>",
    '<p title="a &lt; b">x</p>',
  ];

  it.each(safe.map((html) => [html]))("accepts %j", (html) => {
    expect(assertInertHtml(html)).toEqual([]);
  });
});

describe("markdownToPlainText", () => {
  it("strips markup, decodes entities and collapses whitespace", () => {
    const source = "# Title\n\nSome *em* and **strong** `a<b` & [a link](https://x.test).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    expect(markdownToPlainText(source)).toBe("Title Some em and strong a<b & a link. one two a b 1 2");
  });

  it("returns what the author typed for raw HTML, as text", () => {
    expect(markdownToPlainText("Hi <script>alert(1)</script>")).toBe("Hi <script>alert(1)</script>");
  });

  it("does not truncate when under the limit or without a limit", () => {
    expect(markdownToPlainText("short text", 100)).toBe("short text");
    expect(markdownToPlainText("word ".repeat(500)).length).toBe(2499);
  });

  it("truncates at a word boundary with an ellipsis, within maxLength", () => {
    const text = "The quick brown fox jumps over the lazy dog near the river bank";
    const excerpt = markdownToPlainText(text, 30);
    expect(excerpt).toBe("The quick brown fox jumps…");
    expect(excerpt.length).toBeLessThanOrEqual(30);
    expect(markdownToPlainText("Alpha beta, gamma delta", 13)).toBe("Alpha beta…");
  });

  it("cuts inside a word only when there is no reasonable boundary", () => {
    expect(markdownToPlainText("a " + "x".repeat(50), 10)).toBe(`a ${"x".repeat(7)}…`);
  });

  it("never leaves half a surrogate pair", () => {
    const excerpt = markdownToPlainText("😀".repeat(20), 6);
    expect(excerpt).toBe("😀😀…");
  });

  it("handles tiny limits", () => {
    expect(markdownToPlainText("hello world", 1)).toBe("…");
    expect(markdownToPlainText("hello world", 0)).toBe("");
  });
});
