import { describe, expect, it } from 'vitest';
import { MAX_COMMENT_LENGTH, renderCommentMarkdown, validateCommentText } from '../../src/discussion/markdown.ts';

const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 'a', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'rel', 'class', 'start']);

/** Every tag and attribute is on the allow-list and every link is http(s), mailto or a profile. */
function expectSafe(html: string): void {
  for (const [tag, name, attributes] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    expect(ALLOWED_TAGS).toContain(name.toLowerCase());
    // Attributes are name="value" pairs separated by spaces; anything else left over is suspicious.
    const leftover = attributes.replace(/\s([a-z]+)="([^"<>]*)"/g, (_, attribute: string, value: string) => {
      expect(ALLOWED_ATTRIBUTES).toContain(attribute);
      if (attribute === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:|\/users\/)/);
      return '';
    });
    expect(leftover.replace(/\s*\/$/, ''), tag).toBe('');
  }
}

const render = (src: string) => renderCommentMarkdown(src).html;

describe('renderCommentMarkdown: formatting', () => {
  it('when given paragraphs, emphasis and code, then they render as expected', () => {
    expect(render('Hello *there* and **you**\n\nsee `x < y`')).toBe(
      '<p>Hello <em>there</em> and <strong>you</strong></p>\n<p>see <code>x &lt; y</code></p>\n',
    );
  });

  it('when a line break is typed, then it stays a line break', () => {
    expect(render('one\ntwo')).toBe('<p>one<br />\ntwo</p>\n');
  });

  it('when given quotes and lists, then blockquote, ul and ol (with start) render', () => {
    const html = render('> quoted *claim*\n\n- a\n- b\n\n3. c\n4. d');
    expect(html).toContain('<blockquote>\n<p>quoted <em>claim</em></p>\n</blockquote>');
    expect(html).toContain('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    expect(html).toContain('<ol start="3">');
  });

  it('when given a heading, then it renders as a plain paragraph', () => {
    expect(render('# Big claim')).toBe('<p># Big claim</p>\n');
  });

  it('when given a link or a bare URL, then it gets rel="nofollow ugc noopener"', () => {
    expect(render('[paper](https://arxiv.org/abs/1)')).toBe(
      '<p><a href="https://arxiv.org/abs/1" rel="nofollow ugc noopener">paper</a></p>\n',
    );
    expect(render('see https://example.com/x.')).toBe(
      '<p>see <a href="https://example.com/x" rel="nofollow ugc noopener">https://example.com/x</a>.</p>\n',
    );
  });

  it('when code blocks contain HTML, then it is escaped, not rendered', () => {
    const html = render('```html\n<script>alert(1)</script>\n```\n\n    <b>indented</b>');
    expect(html).toContain('<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>');
    expect(html).toContain('&lt;b&gt;indented&lt;/b&gt;');
    expectSafe(html);
  });
});

describe('renderCommentMarkdown: XSS corpus', () => {
  const corpus = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.test"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<style>body{display:none}</style>',
    '<!-- <script>alert(1)</script> -->',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](&#x6A;&#x61;vascript:alert(1))',
    '[x](%6Aavascript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](file:///etc/passwd)',
    '[x](//evil.test)',
    '[x](/relative)',
    '[x](https://ok.test "title\\" onmouseover=\\"alert(1)")',
    '[x](https://ok.test"onmouseover="alert(1))',
    '[x](<https://ok.test" onmouseover="alert(1)>)',
    '<javascript:alert(1)>',
    '<JAVASCRIPT:alert(1)>',
    'javascript:alert(1)',
    '![x](https://img.test/a.png)',
    '![x](javascript:alert(1))',
    '![x](data:image/svg+xml;base64,PHN2Zz4=)',
    '[ref]: javascript:alert(1)\n\n[click][ref]',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&#60;img src=x onerror=alert(1)&#62;',
    '[ｊａｖａｓｃｒｉｐｔ:alert(1)](ｊａｖａｓｃｒｉｐｔ:alert(1))',
    '`<script>alert(1)</script>`',
    '> <script>alert(1)</script>',
    '- <img src=x onerror=alert(1)>',
    '**<b onclick=alert(1)>x</b>**',
    '@<script>alert(1)</script>',
    '[@evil](javascript:alert(1))',
  ];

  it.each(corpus)('when rendering %j, then only allowed tags, attributes and schemes come out', (src) => {
    const html = render(src);
    expectSafe(html);
    expect(html).not.toMatch(/<(script|img|svg|iframe|style)/i);
    expect(html).not.toMatch(/<a [^>]*href="(?!https?:\/\/|mailto:|\/users\/)/);
  });

  it('when the safety check sees unsafe markup, then it fails (the check is not vacuous)', () => {
    for (const bad of ['<img src="x">', '<a href="javascript:x">', '<p onclick="x">', '<a href=javascript:x>']) {
      expect(() => expectSafe(bad)).toThrow();
    }
  });

  it('when raw HTML is typed, then it shows as text', () => {
    expect(render('<b>bold?</b>')).toBe('<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n');
  });

  it('when an image is written in markdown, then it becomes a plain safe link', () => {
    expect(render('![chart](https://img.test/a.png)')).toBe(
      '<p>!<a href="https://img.test/a.png" rel="nofollow ugc noopener">chart</a></p>\n',
    );
  });

  it('when the input is very long or deeply nested, then rendering stays safe and finishes', () => {
    for (const src of [
      '<'.repeat(50_000),
      '['.repeat(20_000) + ']'.repeat(20_000),
      '>'.repeat(5_000) + ' deep',
      '*'.repeat(10_000) + 'a' + '*'.repeat(10_000),
      '- '.repeat(5_000) + 'x',
      '[x]('.repeat(5_000),
    ])
      expectSafe(render(src));
  });
});

describe('renderCommentMarkdown: mentions', () => {
  it('when a username is mentioned, then it links to the profile and is returned once', () => {
    const { html, mentions } = renderCommentMarkdown('@alice, see what @bob_2 said. Thanks @Alice!');
    expect(html).toContain('<a href="/users/alice" class="mention">@alice</a>');
    expect(html).toContain('<a href="/users/bob_2" class="mention">@bob_2</a>');
    expect(html).not.toMatch(/class="mention" rel=/);
    expect(mentions).toEqual(['alice', 'bob_2']);
  });

  it('when userExists is given, then only existing users are linked and returned', () => {
    const { html, mentions } = renderCommentMarkdown('@alice and @ghost', { userExists: (n) => n === 'alice' });
    expect(mentions).toEqual(['alice']);
    expect(html).toContain('and @ghost');
  });

  it('when "@" appears in code, links, e-mail addresses or escapes, then there is no mention', () => {
    const { mentions } = renderCommentMarkdown(
      '`@code` [@linked](https://x.test) me@example.com \\@escaped\n\n    @block',
    );
    expect(mentions).toEqual([]);
  });

  it('when the name is reserved, too long or too short, then it is not a mention', () => {
    expect(renderCommentMarkdown(`@admin @x @${'a'.repeat(25)}`).mentions).toEqual([]);
  });

  it('when a mention sits inside emphasis or a quote, then it is still found', () => {
    expect(renderCommentMarkdown('> *@carol* wrote').mentions).toEqual(['carol']);
  });
});

describe('validateCommentText', () => {
  it('when the text is ordinary (with CRLF, tabs, emoji), then it is accepted', () => {
    expect(validateCommentText('Line one\r\n\tLine two 🎉 — ok')).toBeNull();
  });

  it('when the text is empty or only whitespace, then it is refused', () => {
    for (const blank of ['', '   ', '\n\t\r\n', '\u00a0\u200b'])
      expect(validateCommentText(blank)).toMatch(/Write something/);
  });

  it('when the text is over 10,000 characters, then the message gives the limit and the length', () => {
    expect(validateCommentText('x'.repeat(MAX_COMMENT_LENGTH))).toBeNull();
    expect(validateCommentText('x'.repeat(12_345))).toBe(
      'Comments can be at most 10,000 characters; yours has 12,345.',
    );
  });

  it('when emoji push the UTF-16 length over the limit, then code points are what count', () => {
    expect(validateCommentText('😀'.repeat(MAX_COMMENT_LENGTH))).toBeNull();
  });

  it('when the text has lone surrogates, then it is refused', () => {
    for (const bad of ['a\uD800b', 'a\uDC00', '\uD83D']) expect(validateCommentText(bad)).toMatch(/broken characters/);
  });

  it('when the text has NUL or other control characters, then it is refused', () => {
    for (const bad of ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085']) {
      expect(validateCommentText(bad)).toMatch(/control characters/);
    }
  });
});
