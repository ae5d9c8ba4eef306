import type { z } from 'zod';
import type {
  ZArchiveCase,
  ZCase,
  ZCasePatch,
  ZCommandResult,
  ZCreateCase,
  ZNote,
  ZParty,
  ZPartyInput,
  ZProgress,
  ZTaskRows,
  ZTeam,
} from '../../../api/contracts/cases';
import type { ZTimeline } from '../../../api/contracts/clients';
import type { ZCaseList, ZCaseStats, ZClientOptions, ZSavedSearch, ZStaffList, ZTag } from '../../../api/contracts/directory';
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
export type CaseListItem = CaseList['items'][number];
export type Party = z.infer<typeof ZParty>;
export type PartyInput = z.input<typeof ZPartyInput>;
export type Note = z.infer<typeof ZNote>;
export type Team = z.infer<typeof ZTeam>;
export type Timeline = z.infer<typeof ZTimeline>;
export type TimelineItem = Timeline['items'][number];
export type Tag = z.infer<typeof ZTag>;
export type SavedSearch = z.infer<typeof ZSavedSearch>;
export type CaseStats = z.infer<typeof ZCaseStats>;
export type CasePatch = z.input<typeof ZCasePatch>;
export type ArchiveChecklist = z.input<typeof ZArchiveCase>['checklist'];
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const query = (q: Record<string, string | number | boolean | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.toString();
};

const c = (id: string) => `/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  /** Every filter of the list as query-string values (the same object saved searches keep). */
  list: (q: Record<string, string | number | boolean | null | undefined>) => api<CaseList>('GET', `/cases?${query(q)}`),
  stages: () => api<{ items: string[] }>('GET', '/case-stages'),
  patch: (id: string, body: CasePatch) => api<CaseView>('PATCH', c(id), body),
  parties: (id: string) => api<{ items: Party[] }>('GET', `${c(id)}/parties`),
  addParty: (id: string, body: PartyInput) => api<Party>('POST', `${c(id)}/parties`, body),
  changeParty: (id: string, partyId: string, body: Partial<PartyInput>) => api<Party>('PATCH', `${c(id)}/parties/${partyId}`, body),
  removeParty: (id: string, partyId: string) => api<void>('DELETE', `${c(id)}/parties/${partyId}`),
  team: (id: string) => api<Team>('GET', `${c(id)}/team`),
  addMember: (id: string, body: { userId: string; role: string }) => api<Team>('POST', `${c(id)}/team`, body),
  removeMember: (id: string, userId: string) => api<void>('DELETE', `${c(id)}/team/${userId}`),
  notes: (id: string, page = 1) => api<Page<Note>>('GET', `${c(id)}/notes?page=${page}&pageSize=50`),
  addNote: (id: string, body: string) => api<Note>('POST', `${c(id)}/notes`, { body }),
  changeNote: (id: string, noteId: string, body: string) => api<Note>('PATCH', `${c(id)}/notes/${noteId}`, { body }),
  removeNote: (id: string, noteId: string) => api<void>('DELETE', `${c(id)}/notes/${noteId}`),
  setTags: (id: string, tagIds: string[]) => api<CaseView>('PUT', `${c(id)}/tags`, { tagIds }),
  timeline: (id: string, page = 1) => api<Timeline>('GET', `${c(id)}/timeline?page=${page}&pageSize=50`),
  archive: (id: string, body: { checklist: ArchiveChecklist; note?: string }) => api<CaseView>('POST', `${c(id)}/archive`, body),
  reopen: (id: string, body: { reason: string; stageId?: string }) => api<CaseView>('POST', `${c(id)}/reopen`, body),
  /** `idempotencyKey`: one per intake, kept across its retries, so a case is never opened twice. */
  create: (body: CreateCase, idempotencyKey?: string) => api<CaseView>('POST', '/cases', body, undefined, { idempotencyKey }),
  get: (id: string) => api<CaseView>('GET', c(id)),
  progress: (id: string) => api<CaseProgress>('GET', `${c(id)}/progress`),
  tasks: (id: string) => api<TaskRows>('GET', `${c(id)}/tasks`),
  complete: (id: string, taskId: string, outputs: Record<string, unknown>) =>
    api<CommandResult>('POST', `${c(id)}/tasks/${taskId}/complete`, { outputs }),
  advance: (id: string, body: { reason: string; toStageId?: string }) => api<CommandResult>('POST', `${c(id)}/advance`, body),
  event: (id: string, body: { name: string; date?: string }) => api<CommandResult>('POST', `${c(id)}/events`, body),
  close: (id: string, body: { outcome: string; reason?: string }) => api<CommandResult>('POST', `${c(id)}/close`, body),
};

export const directoryApi = {
  clients: (q?: string) => api<{ items: ClientOption[] }>('GET', `/client-options${q ? `?q=${encodeURIComponent(q)}` : ''}`),
  staff: (role?: string) => api<{ items: StaffMember[] }>('GET', `/colleagues${role ? `?role=${role}` : ''}`),
};

export const savedSearchApi = {
  list: () => api<{ items: SavedSearch[] }>('GET', '/saved-searches'),
  save: (name: string, q: Record<string, string>) => api<SavedSearch>('POST', '/saved-searches', { name, query: q }),
  remove: (id: string) => api<void>('DELETE', `/saved-searches/${id}`),
};

export const tagsApi = {
  list: (vocabulary?: 'tag' | 'category') => api<{ items: Tag[] }>('GET', `/tags${vocabulary ? `?vocabulary=${vocabulary}` : ''}`),
  create: (body: { vocabulary: 'tag' | 'category'; name: string; color?: string | null }) => api<Tag>('POST', '/tags', body),
  update: (id: string, body: { name?: string; color?: string | null }) => api<Tag>('PATCH', `/tags/${id}`, body),
  remove: (id: string) => api<void>('DELETE', `/tags/${id}`),
};

export const reportsApi = {
  cases: (q: { from?: string; to?: string }) => api<CaseStats>('GET', `/reports/cases?${query(q)}`),
  csvUrl: (q: { from?: string; to?: string; lang: string }) => `/api/v1/reports/cases.csv?${query(q)}`,
};
