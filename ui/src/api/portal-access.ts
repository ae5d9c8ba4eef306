import type {
  AcceptAnswer,
  PortalAccess,
  PortalAccount,
  PortalInvitation,
  PortalInvitationInput,
  PublicInvitation,
} from '../../../api/contracts/portal-access';
import { api } from './client';

export type { AcceptAnswer, PortalAccess, PortalAccount, PortalInvitation, PortalInvitationInput, PublicInvitation };

const cl = (id: string) => `/clients/${encodeURIComponent(id)}`;
const link = (token: string) => `/portal/invitations/${encodeURIComponent(token)}`;

/** Staff: a client's portal accounts and invitations. */
export const portalAccessApi = {
  get: (clientId: string) => api<PortalAccess>('GET', `${cl(clientId)}/portal-access`),
  invite: (clientId: string, body: PortalInvitationInput) => api<PortalInvitation>('POST', `${cl(clientId)}/portal-invitations`, body),
  withdraw: (clientId: string, invitationId: string) =>
    api<void>('POST', `${cl(clientId)}/portal-invitations/${encodeURIComponent(invitationId)}/revoke`),
  revoke: (clientId: string, userId: string) => api<void>('POST', `${cl(clientId)}/portal-access/${encodeURIComponent(userId)}/revoke`),
};

/** Public: the invitation link (no sign-in). */
export const invitationApi = {
  get: (token: string) => api<PublicInvitation>('GET', link(token)),
  accept: (token: string, password?: string) =>
    api<AcceptAnswer>('POST', `${link(token)}/accept`, password === undefined ? {} : { password }),
};
