import type { z } from 'zod';
import type {
  ZDiff,
  ZMigrationPreview,
  ZMigrationProgress,
  ZMigrationStarted,
  ZPublished,
  ZSimulation,
  ZHeatmap,
  ZTemplateDetail,
  ZTemplateList,
  ZValidation,
  ZVersionDetail,
  ZVersionSummary,
} from '../../../api/contracts/templates';
import { api } from './client';

export type TemplateList = z.infer<typeof ZTemplateList>;
export type TemplateSummary = TemplateList['items'][number];
export type TemplateDetail = z.infer<typeof ZTemplateDetail>;
export type VersionSummary = z.infer<typeof ZVersionSummary>;
export type Published = z.infer<typeof ZPublished>;
export type VersionDetail = z.infer<typeof ZVersionDetail>;
export type Validation = z.infer<typeof ZValidation>;
export type Diff = z.infer<typeof ZDiff>;
export type MigrationPreview = z.infer<typeof ZMigrationPreview>;
export type MigrationStarted = z.infer<typeof ZMigrationStarted>;
export type MigrationProgress = z.infer<typeof ZMigrationProgress>;
export type Simulation = z.infer<typeof ZSimulation>;
export type Heatmap = z.infer<typeof ZHeatmap>;

const base = '/process-templates';
const k = encodeURIComponent;

export const templatesApi = {
  list: () => api<TemplateList>('GET', base),
  get: (key: string) => api<TemplateDetail>('GET', `${base}/${k(key)}`),
  create: (body: { key: string; name: string; copyFrom?: string }) => api<TemplateDetail>('POST', base, body),
  updateMatching: (key: string, body: { name?: string; nameEn?: string | null; practiceArea: string | null; caseTypes: string[] }) =>
    api<TemplateDetail>('PATCH', `${base}/${k(key)}`, body),
  archive: (key: string) => api<void>('POST', `${base}/${k(key)}/archive`),
  saveDraft: (key: string, xml: string) => api<Validation>('PUT', `${base}/${k(key)}/draft`, xml, 'application/xml'),
  publish: (key: string, changeNote: string) => api<Published>('POST', `${base}/${k(key)}/publish`, { changeNote }),
  version: (key: string, version: number) => api<VersionDetail>('GET', `${base}/${k(key)}/versions/${version}`),
  diff: (key: string, from: number, to: number) => api<Diff>('GET', `${base}/${k(key)}/diff?from=${from}&to=${to}`),
  migrationPreview: (key: string, toVersion: number) => api<MigrationPreview>('GET', `${base}/${k(key)}/migration?toVersion=${toVersion}`),
  migrate: (key: string, body: { toVersion: number; caseIds: string[]; mapping: Record<string, string> }) =>
    api<MigrationStarted>('POST', `${base}/${k(key)}/migrate`, body),
  migration: (key: string, id: string) => api<MigrationProgress>('GET', `${base}/${k(key)}/migrations/${k(id)}`),
  simulate: (body: { xml: string; startDate: string; answers: Record<string, unknown>; eventDays: Record<string, number> }) =>
    api<Simulation>('POST', `${base}/simulate`, body),
  heatmap: (key: string) => api<Heatmap>('GET', `${base}/${k(key)}/heatmap`),
};
