import { createI18n } from 'vue-i18n';
import { messagesOf, type Messages } from './messages';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'maillage.locale';

// French, the default and the fallback, comes with the page; English is loaded when chosen.
const fr = messagesOf(import.meta.glob<{ default: Messages }>('./fr/*.json', { eager: true }));

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
const initial: Locale = saved === 'en' ? 'en' : 'fr';

export const i18n = createI18n({
  legacy: false,
  locale: initial,
  fallbackLocale: 'fr',
  messages: { fr } as never,
  datetimeFormats: {
    fr: { short: { day: 'numeric', month: 'short', year: 'numeric' }, long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }, time: { hour: '2-digit', minute: '2-digit' } },
    en: { short: { day: 'numeric', month: 'short', year: 'numeric' }, long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }, time: { hour: '2-digit', minute: '2-digit' } },
  } as never,
});
document.documentElement.lang = initial;

const loaded = new Set<Locale>(['fr']);
async function load(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return;
  i18n.global.setLocaleMessage(locale, (await import('./en')).default as never);
  loaded.add(locale);
}

/** Resolves once the saved language's messages are there: the app mounts after it, never half French. */
export const localeReady: Promise<void> = load(initial).catch(() => undefined);

/** Switches the language once its messages are loaded (the page stays in the former one meanwhile). */
export async function setLocale(locale: Locale): Promise<void> {
  await load(locale);
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
