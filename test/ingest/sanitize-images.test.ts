import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/ingest/sanitize.ts';
import { INSECURE_IMAGE_TEXT, placeholdInsecureImages } from '../../src/ingest/sanitize-images.ts';

const BASE = 'http://blog.example.com/posts/launch.html';
/** What the article page shows: the stored (sanitised) HTML with http: images replaced. */
const shown = (feedHtml: string) => placeholdInsecureImages(sanitizeHtml(feedHtml, BASE));

describe('http: images in articles', () => {
  it('when an article has an http image, then a link to it says it was not loaded, and https images stay images', () => {
    const html = shown(
      '<p>Capex chart: <img src="http://cdn.example.com/capex.png" alt="Capex by quarter" width="600"> and <img src="https://cdn.example.com/ok.png" alt="ok"></p>',
    );
    expect(html).toBe(
      '<p>Capex chart: <a class="insecure-image" href="http://cdn.example.com/capex.png" rel="noopener nofollow ugc" title="Capex by quarter">' +
        `${INSECURE_IMAGE_TEXT}: http://cdn.example.com/capex.png</a> and <img alt="ok" loading="lazy" src="https://cdn.example.com/ok.png" /></p>`,
    );
  });

  it('when an http image is relative to an http page, then the link is the resolved address', () => {
    expect(shown('<figure><img src="/img/gpu.jpg"><figcaption>H100s</figcaption></figure>')).toBe(
      `<figure><a class="insecure-image" href="http://blog.example.com/img/gpu.jpg" rel="noopener nofollow ugc">${INSECURE_IMAGE_TEXT}: http://blog.example.com/img/gpu.jpg</a><figcaption>H100s</figcaption></figure>`,
    );
  });

  it('when the alt text or the address holds quotes, angle brackets or ampersands, then they stay escaped in the link', () => {
    const html = shown(`<img src="http://x.example/a.png?w=1&h=2&q=%22" alt='a "quoted" <b>alt</b> & more'>`);
    expect(html).toBe(
      '<a class="insecure-image" href="http://x.example/a.png?w=1&amp;h=2&amp;q=%22" rel="noopener nofollow ugc" title="a &quot;quoted&quot; &lt;b&gt;alt&lt;/b&gt; &amp; more">' +
        `${INSECURE_IMAGE_TEXT}: http://x.example/a.png?w=1&amp;h=2&amp;q=%22</a>`,
    );
    // What the browser reads back is the address and alt text as written, nothing more.
    expect(html.match(/<[a-z]/g)).toEqual(['<a']);
  });

  it('when a page has no http image, then its HTML is returned as it is', () => {
    const html = sanitizeHtml(
      '<p>No images, only a <a href="http://x.example/">link</a> and <img src="https://x.example/i.png">.</p>',
      BASE,
    );
    expect(placeholdInsecureImages(html)).toBe(html);
  });

  it('when hostile markup went through the sanitiser, then the placeholder adds nothing executable', () => {
    for (const attack of [
      '<img src="http://x.example/a.png" onerror="alert(1)">',
      '<img src=http://x.example/a.png?"onload="alert(1)>',
      '<img alt="x" src="http://x.example/" style="position:fixed">',
    ]) {
      const html = shown(attack);
      expect(html, attack).not.toMatch(/\son\w+=|style=|<img/);
      expect(html, attack).toContain(INSECURE_IMAGE_TEXT);
    }
  });
});
