import { ApplicationFailure } from '@temporalio/common';
import { raiseBillingEventOnce } from '../db/repositories/billing-events';
import { offerBillingEventLine, onStageEntered } from './billing-lines';
import { logCaseEventOnce, requestDocumentOnce } from '../db/repositories/case-events';
import { moveCaseVariableEvents } from '../db/repositories/hearings';
import { findDocumentTemplate, generateCaseDocument } from '../db/repositories/generated-documents';
import { insertManualTask } from '../db/repositories/task-list';
import type { BlobStorage } from '../db/storage';
import { findCase, resolveCaseRole, updateCase } from '../db/repositories/cases';
import { activePortalUsers, clientEmail } from '../db/repositories/client-reach';
import { recordStageEntry, recordStageExit } from '../db/repositories/stage-history';
import { timerInstant } from '../domain/deadlines/timer-instant';
import type {
  BillingEventInput,
  CaseEmailInput,
  CaseEventLogInput,
  CaseStatusInput,
  DocumentRequestInput,
  FinishCaseInput,
  ResolveTimerInput,
  StageEntryInput,
  StageExitInput,
  TemplateSwitchInput,
} from './case-types';
import { notify } from './notify';
import { notifyClientOfStage } from './stage-client';
import { message } from '../domain/notification-texts';
import type { EngineDeps } from './tasks';

export function caseActivities(deps: EngineDeps & { storage?: BlobStorage }) {
  const { db } = deps;
  const caseOf = async (caseId: string) => {
    const c = await findCase(db, caseId);
    if (!c) throw ApplicationFailure.nonRetryable(`case ${caseId} does not exist`, 'NotFound');
    return c;
  };
  return {
    async recordStageEntry(input: StageEntryInput): Promise<void> {
      await recordStageEntry(db, { ...input, at: new Date(input.at) });
      await updateCase(db, input.caseId, { currentStageId: input.stageId, currentStageName: input.stageName });
      await onStageEntered(db, input);
      await notifyClientOfStage(deps, input);
    },

    async recordStageExit(input: StageExitInput): Promise<void> {
      await recordStageExit(db, {
        caseId: input.caseId,
        stageInstanceId: input.stageInstanceId,
        at: new Date(input.at),
        reason: input.reason,
        skipped: input.skipped,
      });
      await updateCase(db, input.caseId, { currentStageId: input.current?.id ?? null, currentStageName: input.current?.name ?? null });
    },

    async raiseBillingEvent(input: BillingEventInput): Promise<void> {
      const event = {
        caseId: input.caseId,
        key: input.key,
        nodeId: input.nodeId,
        label: input.label,
        amountFen: input.amountFen ?? null,
        percentBp: input.percent !== undefined ? Math.round(input.percent * 100) : null,
      };
      await raiseBillingEventOnce(db, event);
      // Offered every time (idempotent by the event's key): a retry after the event was saved still offers its line.
      await offerBillingEventLine(db, event);
    },

    /** A service task's mail to the client, the team or a role of the team (in-app for users, mail via the outbox). */
    async sendCaseEmail(input: CaseEmailInput): Promise<void> {
      const c = await caseOf(input.caseId);
      let recipients: Array<{ id: string | null; email: string | null; locale: string }>;
      if (input.to === 'client') {
        const email = await clientEmail(db, c.clientId);
        const portal = await activePortalUsers(db, c.clientId);
        recipients = portal.length ? portal : email ? [{ id: null, email, locale: 'zh-CN' }] : [];
      } else {
        recipients = await resolveCaseRole(db, input.caseId, input.to);
      }
      await notify(deps, {
        key: input.key,
        kind: 'caseUpdate',
        recipients,
        caseId: c.id,
        scheduledFor: new Date(input.at),
        email: true,
        link: `${deps.publicUrl}/cases/${c.id}`,
        text: (lang) =>
          message('caseUpdate', lang, {
            caseNumber: c.number,
            caseTitle: c.title,
            stage: c.currentStageName,
            link: `${deps.publicUrl}/cases/${c.id}`,
          }),
      });
    },

    /**
     * The generateDocument step: a real .docx from the template the node names (shipped or the firm's), filled
     * from the case, filed under 法律文书 as made by the lead lawyer. Keyed by the step, so a
     * retried activity finds the document it made. An unknown template is a data error (not retried).
     */
    async requestDocument(input: DocumentRequestInput): Promise<void> {
      await requestDocumentOnce(db, input);
      // A worker without storage is a configuration to fix and restart: retried, not failed for good.
      if (!deps.storage) throw new Error('this worker has no document storage');
      if (!(await findDocumentTemplate(db, deps.storage, input.template))) {
        throw ApplicationFailure.nonRetryable(`no document template "${input.template}"`, 'UnknownDocumentTemplate');
      }
      const c = await caseOf(input.caseId);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: deps.timeZone }).format(new Date());
      const made = await generateCaseDocument(db, deps.storage, {
        caseId: c.id,
        templateKey: input.template,
        form: {},
        createdBy: c.leadLawyerId,
        generationKey: `engine:${input.key}`,
        today,
      });
      if (input.review) {
        await insertManualTask(db, {
          key: `review:${input.key}`,
          caseId: c.id,
          title: `审阅：${made.name}`,
          description:
            '流程生成的文书，请审阅修改后上传新版本。 / Generated by the process: review it, edit offline and upload the next version.',
          assigneeId: c.leadLawyerId,
          priority: 'normal',
          startedAt: new Date(),
          dueAt: null,
          dueDate: null,
          checklist: [],
          createdBy: c.leadLawyerId,
        });
      }
    },

    async setCaseStatus(input: CaseStatusInput): Promise<void> {
      await updateCase(db, input.caseId, { status: input.status });
    },

    async finishCase(input: FinishCaseInput): Promise<void> {
      await updateCase(db, input.caseId, {
        status: 'closed',
        closedAt: new Date(input.at),
        outcome: input.outcome,
        closeReason: input.reason,
        finishedAs: input.finishedAs ?? null,
        currentStageId: null,
        currentStageName: null,
      });
    },

    async logCaseEvent(input: CaseEventLogInput): Promise<void> {
      await logCaseEventOnce(db, {
        caseId: input.caseId,
        key: input.key,
        name: input.name,
        occurredOn: input.date,
        variables: input.variables,
        by: input.by,
      });
      // A hearing the engine put on the calendar from a date now recorded again moves with it.
      await moveCaseVariableEvents(db, input.caseId, input.variables, deps.timeZone);
    },

    async switchTemplateVersion(input: TemplateSwitchInput): Promise<void> {
      await updateCase(db, input.caseId, { templateVersionId: input.versionId });
    },

    async resolveTimer(input: ResolveTimerInput): Promise<number | null> {
      return timerInstant(input);
    },
  };
}
