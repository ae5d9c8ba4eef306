import { onUnauthorised } from '@/api/client';
import { router } from '@/router';
import { useSessionStore } from '@/stores/session';

let installed = false;

/** A 401 in the middle of work (session expired or revoked) sends the user to sign in again. */
export function useSessionExpiry(): void {
  if (installed) return;
  installed = true;
  const session = useSessionStore();
  onUnauthorised(() => {
    session.forget();
    void router.push({ name: 'login', query: { expired: '1', redirect: router.currentRoute.value.fullPath } });
  });
}
