import type { Locale, LoginRequest, Me } from '../../../api/contracts/auth';
import type { Health } from '../../../api/contracts/health';
import type { SignInAnswer } from '../../../api/contracts/people';
import type { AuditPage } from '../../../api/contracts/audit';
import type { PendingOpenings, StuckCases } from '../../../api/contracts/admin';
import type { Firm } from '../../../api/contracts/firm';
import type { AppInfo } from '../../../api/contracts/info';
import type { EndedSessions, MySessions, SignInLocks } from '../../../api/contracts/sessions';
import { api, ApiError } from './client';

export const authApi = {
  login: (body: LoginRequest) => api<SignInAnswer>('POST', '/auth/login', body),
  logout: () => api<void>('POST', '/auth/logout'),
  me: () => api<Me>('GET', '/auth/me'),
  setLocale: (locale: Locale) => api<Me>('PATCH', '/auth/me', { locale }),
};

export const sessionsApi = {
  list: () => api<MySessions>('GET', '/me/sessions'),
  end: (id: string) => api<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
  endOthers: () => api<EndedSessions>('POST', '/auth/logout-others'),
  locks: () => api<SignInLocks>('GET', '/admin/sign-in-locks'),
  unlock: (email: string) => api<void>('POST', '/admin/sign-in-locks/unlock', { email }),
};

export const systemApi = {
  /** /health answers 503 with the same body when a part is down. */
  async health(): Promise<Health> {
    try {
      return await api<Health>('GET', '/health');
    } catch (e) {
      if (e instanceof ApiError && e.status === 503 && e.problem) return e.problem as unknown as Health;
      throw e;
    }
  },
  firm: () => api<Firm>('GET', '/firm'),
  info: () => api<AppInfo>('GET', '/info'),
  stuckCases: () => api<StuckCases>('GET', '/admin/stuck-cases'),
  pendingOpenings: () => api<PendingOpenings>('GET', '/admin/pending-openings'),
  auditLog: (page: number, pageSize: number) => api<AuditPage>('GET', `/admin/audit-log?page=${page}&pageSize=${pageSize}`),
};
