import 'vuetify/styles';
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';
import { en, zhHans } from 'vuetify/locale';
import { storedLocale } from './i18n';

export const vuetify = createVuetify({
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  locale: { locale: storedLocale() === 'en' ? 'en' : 'zhHans', fallback: 'en', messages: { zhHans, en } },
  theme: {
    defaultTheme: 'lexflow',
    themes: {
      lexflow: {
        dark: false,
        colors: {
          primary: '#1f3a5f',
          secondary: '#8a6d3b',
          accent: '#f2c14e',
          background: '#f5f6f8',
          surface: '#ffffff',
          error: '#b3261e',
          success: '#2e7d32',
          warning: '#b26a00',
        },
      },
    },
  },
  defaults: {
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VBtn: { variant: 'flat' },
    // On a phone (narrower than 600 px) every data table shows each row as a card of label: value lines.
    VDataTable: { mobileBreakpoint: 'sm' },
    VDataTableServer: { mobileBreakpoint: 'sm' },
  },
});
