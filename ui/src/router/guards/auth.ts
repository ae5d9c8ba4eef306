import type { NavigationGuard } from 'vue-router';
import { opensSection } from '../../../../domain/policy';
import { useSessionStore } from '@/stores/session';

/** Staff and clients each stay in their own app; sections check the role (and the capabilities the firm grants it); everyone else signs in first. */
export const authGuard: NavigationGuard = async (to) => {
  const session = useSessionStore();
  await session.ensureLoaded();
  const user = session.user;
  const home = user?.role === 'client' ? '/portal' : '/';
  if (to.name === 'login') return user ? home : true;
  if (to.meta.public) return true;
  if (!user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  const inPortal = to.matched.some((r) => r.meta.portal);
  if (user.role === 'client' && !inPortal) return '/portal';
  if (user.role !== 'client' && inPortal) return '/';
  if (to.meta.section && !opensSection(user, to.meta.section)) return { name: 'forbidden' };
  return true;
};
