import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useLocale as useVuetifyLocale } from 'vuetify';
import { authApi } from '@/api/auth';
import { loadLocale, rememberLocale, type UiLocale } from '@/plugins/i18n';
import { useSessionStore } from '@/stores/session';

/** True once the person picked a language in this page load (it then wins over the saved preference). */
let chosenThisVisit = false;

/** The interface language: vue-i18n, Vuetify's own strings, <html lang>, and the user's saved preference. */
export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' });
  const vuetifyLocale = useVuetifyLocale();
  const session = useSessionStore();

  async function apply(next: UiLocale) {
    await loadLocale(next);
    locale.value = next;
    vuetifyLocale.current.value = next === 'en' ? 'en' : 'zhHans';
    rememberLocale(next);
  }

  async function setLocale(next: UiLocale) {
    chosenThisVisit = true;
    await apply(next);
    if (!session.user || session.user.locale === next) return;
    try {
      session.user = await authApi.setLocale(next);
    } catch {
      // The language applies here regardless; saving it is best effort (a 401 sends the user to sign in).
    }
  }

  /** After sign-in: the language picked on the login page is saved; otherwise the saved one is applied. */
  async function reconcileAfterLogin() {
    const user = session.user;
    if (!user) return;
    if (chosenThisVisit && user.locale !== locale.value) session.user = await authApi.setLocale(locale.value as UiLocale);
    else await apply(user.locale);
  }

  return { locale: computed(() => locale.value as UiLocale), apply, setLocale, reconcileAfterLogin };
}
