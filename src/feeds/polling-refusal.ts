import { errorMessage } from '../errors.ts';
import {
  isBlockedHostname,
  normalizeHostname,
  parseAllowList,
  urlBlockReason,
  type AllowList,
} from '../ingest/ssrf.ts';

/**
 * What the fetcher would only say at the first poll, said at once: an address (or localhost) that
 * the SSRF guard refuses unless ALLOWED_PRIVATE_HOSTS names it. Names resolved by DNS are judged
 * when fetched. Returns the warning (without the "warning:" prefix), or null when polling may go ahead.
 * The CLI (`feeds add`, `feeds import`) and /admin/feeds say the same words.
 */
export function pollingRefusal(url: string, allowedPrivateHosts: string | undefined): string | null {
  if (!urlBlockReason(url)) return null;
  let allowList: AllowList;
  try {
    allowList = parseAllowList(allowedPrivateHosts ?? '');
  } catch (err) {
    return `ALLOWED_PRIVATE_HOSTS cannot be read (${errorMessage(err)}), so polling ${url} will be refused.`;
  }
  const reason = urlBlockReason(url, allowList);
  if (!reason) return null;
  const host = normalizeHostname(new URL(url).hostname);
  const fix = isBlockedHostname(host) ? 'it is never fetched' : `set ALLOWED_PRIVATE_HOSTS=${host} to allow it`;
  return `polling ${url} will be refused: ${host} is ${reason}; ${fix}.`;
}
