import { createI18n } from 'vue-i18n';
import en from '@/i18n/en';
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
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
});
