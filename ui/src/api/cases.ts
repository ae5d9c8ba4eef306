import type { z } from 'zod';
import type { ZCase, ZCommandResult, ZCreateCase, ZProgress, ZTaskRows } from '../../../api/contracts/cases';
import type { ZCaseList, ZClientOptions, ZStaffList } from '../../../api/contracts/directory';
import { api } from './client';

export type CaseView = z.infer<typeof ZCase>;
export type CaseProgress = z.infer<typeof ZProgress>;
export type OpenTask = CaseProgress['openTasks'][number];
export type CommandResult = z.infer<typeof ZCommandResult>;
export type CaseList = z.infer<typeof ZCaseList>;
export type TaskRows = z.infer<typeof ZTaskRows>;
export type CreateCase = z.input<typeof ZCreateCase>;
export type ClientOption = z.infer<typeof ZClientOptions>['items'][number];
export type StaffMember = z.infer<typeof ZStaffList>['items'][number];

const c = (id: string) => `/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  list: (q: { page: number; pageSize: number; status?: string; q?: string }) => {
    const params = new URLSearchParams({ page: String(q.page), pageSize: String(q.pageSize) });
    if (q.status) params.set('status', q.status);
    if (q.q) params.set('q', q.q);
    return api<CaseList>('GET', `/cases?${params}`);
  },
  create: (body: CreateCase) => api<CaseView>('POST', '/cases', body),
  get: (id: string) => api<CaseView>('GET', c(id)),
  progress: (id: string) => api<CaseProgress>('GET', `${c(id)}/progress`),
  tasks: (id: string) => api<TaskRows>('GET', `${c(id)}/tasks`),
  complete: (id: string, taskId: string, outputs: Record<string, unknown>) => api<CommandResult>('POST', `${c(id)}/tasks/${taskId}/complete`, { outputs }),
  advance: (id: string, body: { reason: string; toStageId?: string }) => api<CommandResult>('POST', `${c(id)}/advance`, body),
  event: (id: string, body: { name: string; date?: string }) => api<CommandResult>('POST', `${c(id)}/events`, body),
  close: (id: string, body: { outcome: string; reason?: string }) => api<CommandResult>('POST', `${c(id)}/close`, body),
};

export const directoryApi = {
  clients: (q?: string) => api<{ items: ClientOption[] }>('GET', `/client-options${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  staff: (role?: string) => api<{ items: StaffMember[] }>('GET', `/users${role ? `?role=${role}` : ''}`),
};
