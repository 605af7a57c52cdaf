/**
 * One spelling per article URL, so the same story reached through a newsletter, a social
 * share and the feed itself is recognised as one. Pure string work; nothing is fetched.
 */

/**
 * Query parameters that only track the reader and never select content. Matched without
 * regard to case; `utm_*` is matched as a prefix.
 *
 * - utm_*: Google Analytics campaign tags (utm_source, utm_medium, utm_campaign, …)
 * - fbclid, gclid, gclsrc, dclid, msclkid, yclid, twclid, ttclid, li_fat_id: ad-click ids
 *   (Facebook, Google Ads, DoubleClick, Microsoft, Yandex, Twitter/X, TikTok, LinkedIn)
 * - mc_cid, mc_eid: Mailchimp campaign/recipient ids
 * - _hsenc, _hsmi, __hssc, __hstc, __hsfp, hsctatracking: HubSpot
 * - igshid, igsh: Instagram share ids
 * - ref_src, ref_url: Twitter/X embed referrers
 * - mkt_tok: Marketo; vero_id, vero_conv: Vero; oly_anon_id, oly_enc_id: Omeda
 * - _ga, _gl: Google cross-domain linker
 * - wt_mc, wt_zmc: Webtrekk (heise and other German publishers)
 * - srsltid: Google Merchant result id; guce_referrer, guce_referrer_sig: Yahoo consent hop
 * - rb_clickid, s_kwcid, ncid, sr_share, at_medium, at_campaign: assorted ad/share trackers
 */
export const TRACKING_PARAMS: readonly string[] = [
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'igshid',
  'igsh',
  'ref_src',
  'ref_url',
  'mkt_tok',
  'vero_id',
  'vero_conv',
  'oly_anon_id',
  'oly_enc_id',
  '_ga',
  '_gl',
  'wt_mc',
  'wt_zmc',
  'srsltid',
  'guce_referrer',
  'guce_referrer_sig',
  'rb_clickid',
  's_kwcid',
  'ncid',
  'sr_share',
  'at_medium',
  'at_campaign',
];

const trackingSet = new Set(TRACKING_PARAMS);

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return key.startsWith('utm_') || trackingSet.has(key);
}

/**
 * Canonical form of an http(s) URL, or null for anything else (relative, mailto:, garbage).
 * Lowercases scheme and host, drops default ports, the fragment and tracking parameters, and
 * sorts the remaining parameters by name (then value). The path keeps its case, and the
 * query keeps its original percent-encoding: servers may treat `%20` and `+` differently.
 */
export function canonicalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // WHATWG URL already lowercases scheme and host and drops :80 / :443.
  parsed.hash = '';
  const query = canonicalQuery(parsed.search);
  parsed.search = '';
  return parsed.href + (query ? `?${query}` : '');
}

/** The raw query minus tracking pairs, sorted; raw pairs are compared so encoding survives. */
function canonicalQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return { raw: pair, name: decodeName(eq === -1 ? pair : pair.slice(0, eq)) };
    })
    .filter((pair) => !isTrackingParam(pair.name));
  pairs.sort((a, b) => compare(a.name, b.name) || compare(a.raw, b.raw));
  return pairs.map((pair) => pair.raw).join('&');
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
