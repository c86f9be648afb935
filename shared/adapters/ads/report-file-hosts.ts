/**
 * Where a report file may be downloaded from (docs/contracts.md, "Settings"): Amazon's report storage, HTTPS on
 * `*.amazonaws.com`, or, when the region's Ads API URL points at something other than Amazon (a sandbox), that
 * sandbox's origin. Anything else is refused before a request is made: the URL comes from an answer, and an
 * attacker-chosen URL must not make us fetch from the internal network.
 */
const AMAZON_ADS_API_HOST = /^advertising-api(-eu|-fe)?\.amazon\.com$/;

export function isAllowedReportUrl(url: string, adsApiUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username !== '' || target.password !== '') return false;
  if (
    target.protocol === 'https:' &&
    target.port === '' &&
    /^[a-z0-9.-]+\.amazonaws\.com$/.test(target.hostname)
  )
    return true;
  const api = new URL(adsApiUrl);
  if (AMAZON_ADS_API_HOST.test(api.hostname)) return false;
  return target.origin === api.origin;
}
