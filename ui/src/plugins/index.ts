import type { App } from 'vue';
import { createPinia } from 'pinia';
import { router } from '@/router';
import { i18n } from './i18n';
import { vuetify } from './vuetify';

/** Every plugin the app uses, registered in one place. */
export function registerPlugins(app: App): void {
  app.use(createPinia()).use(i18n).use(vuetify).use(router);
}
