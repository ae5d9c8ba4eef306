import { findCase } from '../db/repositories/cases';
import { activePortalUsers } from '../db/repositories/client-reach';
import { findVersion } from '../db/repositories/templates';
import { message } from '../domain/notification-texts';
import { ZStageClient, type StageClient } from '../process-templates/model/schema';
import type { StageEntryInput } from './case-types';
import { notify } from './notify';
import type { EngineDeps } from './tasks';

/** The client attributes of a stage in the case's pinned template version, if it has them. */
async function stageClientOf(deps: EngineDeps, versionId: string, stageId: string): Promise<StageClient | undefined> {
  const version = await findVersion(deps.db, versionId);
  const node = (version?.model as { nodes?: Record<string, { type?: string; client?: unknown }> } | undefined)?.nodes?.[stageId];
  if (node?.type !== 'stage' || node.client === undefined) return undefined;
  const parsed = ZStageClient.safeParse(node.client);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A stage the template marks `notifyClient`: every active portal user of the case's client gets a
 * portal notice and a mail (in their language, with the client-facing stage name and the portal link,
 * nothing internal). Keyed by the stage entry, so a retried activity tells nobody twice and a stage
 * entered again is news again. A client without a portal account is told nothing here.
 */
export async function notifyClientOfStage(deps: EngineDeps, s: StageEntryInput): Promise<void> {
  const c = await findCase(deps.db, s.caseId);
  if (!c?.templateVersionId) return;
  const client = await stageClientOf(deps, c.templateVersionId, s.stageId);
  if (!client?.notify) return;
  const recipients = await activePortalUsers(deps.db, c.clientId);
  if (!recipients.length) return;
  const link = `${deps.publicUrl}/portal/cases/${c.id}`;
  await notify(deps, {
    key: `stageClient:${c.id}:${s.stageInstanceId}`,
    kind: 'stageClient',
    recipients,
    caseId: c.id,
    email: true,
    link,
    at: s.at,
    text: (lang) => message('stageClient', lang, { stage: lang === 'en' ? (client.labelEn ?? client.label) : client.label, link }),
  });
}
