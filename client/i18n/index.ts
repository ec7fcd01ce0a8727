import { createI18n } from 'vue-i18n';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'maillage.locale';

type Messages = Record<string, unknown>;
/** One file per feature and language (fr/groups.json …), namespaced by its file name. */
function load(files: Record<string, { default: Messages }>): Messages {
  const messages: Messages = {};
  for (const [path, mod] of Object.entries(files)) messages[path.replace(/^.*\/(.+)\.json$/, '$1')] = mod.default;
  return messages;
}

export const messages = {
  fr: load(import.meta.glob<{ default: Messages }>('./fr/*.json', { eager: true })),
  en: load(import.meta.glob<{ default: Messages }>('./en/*.json', { eager: true })),
};

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
const initial: Locale = saved === 'en' ? 'en' : 'fr';

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'fr',
  messages: messages as never,
  datetimeFormats: {
    fr: { short: { day: 'numeric', month: 'short', year: 'numeric' }, long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }, time: { hour: '2-digit', minute: '2-digit' } },
    en: { short: { day: 'numeric', month: 'short', year: 'numeric' }, long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }, time: { hour: '2-digit', minute: '2-digit' } },
  } as never,
});
document.documentElement.lang = initial;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

/** Plain-typed access for code outside components (the API client, stores). */
export const translator = i18n.global as unknown as {
  t: (key: string, values?: Record<string, unknown>, plural?: number) => string;
  te: (key: string) => boolean;
  locale: { value: Locale };
};
