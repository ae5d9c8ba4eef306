import type { Dashboard } from '../../../api/contracts/dashboard';
import { api } from './client';

export type { Dashboard };

export const dashboardApi = {
  get: () => api<Dashboard>('GET', '/dashboard'),
};
