import type { ActiveSession } from '../../../shared/auth.schema';

type Device = Pick<ActiveSession, 'browser' | 'system'>;

// Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also says "Safari".
const BROWSERS: Array<[RegExp, Device['browser']]> = [
  [/\bEdg(e|A|iOS)?\//, 'edge'],
  [/\b(OPR|Opera)\//, 'opera'],
  [/\bSamsungBrowser\//, 'samsung'],
  [/\b(Firefox|FxiOS)\//, 'firefox'],
  [/\b(Chrome|HeadlessChrome|CriOS|Chromium)\//, 'chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'safari'],
];

// iPadOS and iOS say "like Mac OS X", Android says "Linux": the specific ones first.
const SYSTEMS: Array<[RegExp, Device['system']]> = [
  [/\biPad\b/, 'ipad'],
  [/\b(iPhone|iPod)\b/, 'iphone'],
  [/\bAndroid\b/, 'android'],
  [/\bWindows\b/, 'windows'],
  [/\bCrOS\b/, 'chromeos'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macos'],
  [/\bLinux\b/, 'linux'],
];

/**
 * The browser and system of a User-Agent, for the person's list of sessions ("Chrome sur
 * Windows"). Only families people recognise; anything else is "other", never the raw string.
 */
export function deviceOf(userAgent: string): Device {
  const ua = userAgent.slice(0, 512);
  return {
    browser: BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'other',
    system: SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'other',
  };
}
