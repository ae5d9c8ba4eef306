import type { z } from 'zod';
import type { ZDeadline, ZHolidays, ZPeriods } from '../../../api/contracts/deadlines';
import { api } from './client';

export type Deadline = z.infer<typeof ZDeadline>;
export type StatutoryPeriodItem = z.infer<typeof ZPeriods>['items'][number];

export const deadlinesApi = {
  periods: () => api<z.infer<typeof ZPeriods>>('GET', '/deadlines/periods'),
  compute: (q: { from: string; period: string; calendar: 'calendar' | 'workdays' }) =>
    api<Deadline>('GET', `/deadlines/compute?${new URLSearchParams({ from: q.from, period: q.period, calendar: q.calendar })}`),
};

export type Holidays = z.infer<typeof ZHolidays>;

export const holidaysApi = {
  get: () => api<Holidays>('GET', '/holidays'),
  save: (date: string, body: { kind: 'off' | 'work'; name?: string | null; source?: string | null }) =>
    api<Holidays>('PUT', `/holidays/overrides/${date}`, body),
  remove: (date: string) => api<void>('DELETE', `/holidays/overrides/${date}`),
  completeYear: (year: number, source: string) => api<Holidays>('PUT', `/holidays/years/${year}`, { source }),
  reopenYear: (year: number) => api<void>('DELETE', `/holidays/years/${year}`),
};
