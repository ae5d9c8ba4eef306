import type { Me } from '../../../api/contracts/auth';
import type {
  OpenWork,
  People,
  Person,
  PublicStaffInvitation,
  Security,
  SignInAnswer,
  StaffInvitation,
  TotpEnrolment,
} from '../../../api/contracts/people';
import { api } from './client';

export type SignedIn = Me & { recoveryCodes?: string[] };

/** People and accounts: the admin's people page, the public invitation and reset pages, one's own security. */
export const peopleApi = {
  list: (q: { page?: number; pageSize?: number; role?: string; status?: string; q?: string }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    return api<People>('GET', `/users?${params}`);
  },
  invite: (body: { email: string; name: string; role: string; locale?: string }) =>
    api<StaffInvitation>('POST', '/users/invitations', body),
  withdraw: (id: string) => api<StaffInvitation>('POST', `/users/invitations/${id}/revoke`, {}),
  changeRole: (id: string, role: string) => api<Person>('PATCH', `/users/${id}`, { role }),
  openWork: (id: string) => api<OpenWork>('GET', `/users/${id}/open-work`),
  deactivate: (id: string, reassignTo: string | null) =>
    api<{ person: Person; reassigned: { tasks: number; cases: number } | null; openWork: OpenWork }>('POST', `/users/${id}/deactivate`, {
      reassignTo,
    }),
  reactivate: (id: string) => api<Person>('POST', `/users/${id}/reactivate`, {}),
  sendReset: (id: string) => api<void>('POST', `/users/${id}/password-reset`, {}),
  setSecurity: (twoFactorRequired: boolean) =>
    api<{ twoFactorRequired: boolean }>('PUT', '/users/settings/security', { twoFactorRequired }),

  invitation: (token: string) => api<PublicStaffInvitation>('GET', `/staff-invitations/${encodeURIComponent(token)}`),
  accept: (token: string, password: string) =>
    api<SignInAnswer>('POST', `/staff-invitations/${encodeURIComponent(token)}/accept`, { password }),
  forgot: (email: string) => api<void>('POST', '/auth/password-reset', { email }),
  reset: (token: string) =>
    api<{ email: string; name: string; expiresAt: string }>('GET', `/auth/password-reset/${encodeURIComponent(token)}`),
  spendReset: (token: string, password: string) => api<void>('POST', `/auth/password-reset/${encodeURIComponent(token)}`, { password }),
  secondStep: (body: { pendingToken: string; code?: string; recoveryCode?: string }) => api<SignedIn>('POST', '/auth/login/totp', body),

  mySecurity: () => api<Security>('GET', '/auth/me/security'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('POST', '/auth/me/password', { currentPassword, newPassword }),
  startTotp: () => api<TotpEnrolment>('POST', '/auth/me/totp', {}),
  confirmTotp: (code: string) => api<{ recoveryCodes: string[] }>('POST', '/auth/me/totp/confirm', { code }),
  disableTotp: (password: string) => api<void>('POST', '/auth/me/totp/disable', { password }),
};
