import { createI18n } from 'vue-i18n';
import zhCN from '@/i18n/zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type UiLocale = (typeof LOCALES)[number];
const STORAGE_KEY = 'lexflow.locale';

export function storedLocale(): UiLocale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function rememberLocale(locale: UiLocale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

// The page's language from the first paint, not only after a switch (screen readers, fonts, tests read it).
document.documentElement.lang = storedLocale();

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  // zh-CN is the default and the fallback, so it ships with the first screen; English is its own
  // chunk, fetched only by someone who reads it (loadLocale), which keeps ~15 KB off every first load.
  messages: { 'zh-CN': zhCN },
  missingWarn: false,
  fallbackWarn: false,
});

const loaded = new Set<UiLocale>(['zh-CN']);

/** Fetches a language's catalogue once, before it is shown (main.ts waits for the saved one). */
export async function loadLocale(locale: UiLocale): Promise<void> {
  if (loaded.has(locale)) return;
  const { default: messages } = await import('@/i18n/en');
  i18n.global.setLocaleMessage(locale, messages);
  loaded.add(locale);
}
