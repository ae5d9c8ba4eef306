import type { z } from 'zod';
import type { ZDeadline, ZPeriods } from '../../../api/contracts/deadlines';
import { api } from './client';

export type Deadline = z.infer<typeof ZDeadline>;
export type StatutoryPeriodItem = z.infer<typeof ZPeriods>['items'][number];

export const deadlinesApi = {
  periods: () => api<z.infer<typeof ZPeriods>>('GET', '/deadlines/periods'),
  compute: (q: { from: string; period: string; calendar: 'calendar' | 'workdays' }) =>
    api<Deadline>('GET', `/deadlines/compute?${new URLSearchParams({ from: q.from, period: q.period, calendar: q.calendar })}`),
};
