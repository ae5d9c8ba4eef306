import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me } from '../../../api/contracts/auth';
import type { Firm } from '../../../api/contracts/firm';
import type { SignInStep } from '../../../api/contracts/people';
import { authApi, systemApi } from '@/api/auth';
import { ApiError } from '@/api/client';

/** The signed-in user. `ensureLoaded()` asks the server once per page load. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<Me | null>(null);
  const firm = ref<Firm | null>(null);
  const loaded = ref(false);
  /** The firm's time zone: every date and time is shown in it, wherever the browser is. */
  const timeZone = computed(() => firm.value?.timezone ?? 'Asia/Shanghai');
  const isClient = computed(() => user.value?.role === 'client');

  async function ensureLoaded(): Promise<void> {
    if (loaded.value) return;
    try {
      user.value = await authApi.me();
      firm.value = await systemApi.firm();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      user.value = null;
    }
    loaded.value = true;
  }

  /** A password sign-in: signed in (the user), or the second step (TOTP code or enrolment) still to come. */
  async function login(email: string, password: string): Promise<Me | SignInStep> {
    const answer = await authApi.login({ email, password });
    if ('step' in answer) return answer;
    return signedIn(answer);
  }

  /** The user a finished sign-in (password, second step, accepted invitation) answered. */
  async function signedIn(me: Me): Promise<Me> {
    user.value = me;
    firm.value = await systemApi.firm();
    loaded.value = true;
    return me;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      forget();
    }
  }

  function forget(): void {
    user.value = null;
    firm.value = null;
    loaded.value = true;
  }

  return { user, firm, timeZone, loaded, isClient, ensureLoaded, login, signedIn, logout, forget };
});
