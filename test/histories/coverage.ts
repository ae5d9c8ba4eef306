import type { temporal } from '@temporalio/proto';
import { WORKFLOW_TYPES, type MigrateCasesProgress } from '../../workflows/definitions';
import { activitiesRun } from '../helpers/history';
import type { History } from './fixtures';

/** A history under the name it is (or is about to be) stored as. */
export interface NamedHistory {
  name: string;
  history: History;
}

/** A payload of the default converter (json/plain), decoded. */
const payloadJson = (p: temporal.api.common.v1.IPayload | undefined): unknown =>
  p?.data ? JSON.parse(Buffer.from(p.data).toString('utf8')) : undefined;

const started = (h: History) => h.events?.[0]?.workflowExecutionStartedEventAttributes;
const typeOf = (h: History) => started(h)?.workflowType?.name;
const updatesIn = (h: History) =>
  (h.events ?? []).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter(Boolean);
const resultOf = (h: History) => payloadJson((h.events ?? []).at(-1)?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0]);

type Model = { model?: { processId?: string } };
/** The template (BPMN process id of the compiled model) a case history was started on (a continued run carries it in its state). */
const templateOf = (h: History) => {
  const input = payloadJson(started(h)?.input?.payloads?.[0]) as (Model & { state?: Model }) | undefined;
  return input?.model?.processId ?? input?.state?.model?.processId;
};

/**
 * What issue 12 asks of the recorded set of an engine version, checked over the whole folder
 * (fixtures already on disk and those about to be added): the list of what is missing, empty when
 * the set is complete. The recorder stops when a scenario no longer reaches one of these; the
 * replay test checks the committed set against the same list.
 */
export function missingCoverage(set: NamedHistory[]): string[] {
  const cases = set.filter((f) => typeOf(f.history) === WORKFLOW_TYPES.case).map((f) => f.history);
  const migrations = set
    .filter((f) => typeOf(f.history) === WORKFLOW_TYPES.migrateCases)
    .map((f) => resultOf(f.history) as MigrateCasesProgress | undefined);
  const templates = new Set(cases.map(templateOf).filter(Boolean));
  const alerts = cases.flatMap(activitiesRun).filter((a) => a === 'taskAlert').length;
  const need: Array<[string, boolean]> = [
    [`case histories of at least 6 templates (found ${templates.size})`, templates.size >= 6],
    ['reminders and escalations fired (taskAlert)', alerts >= 2],
    ['a template migration (migrateTemplate update)', cases.some((h) => updatesIn(h).includes('migrateTemplate'))],
    [
      'a bulk migration run that moved a case and failed one (migrateCasesWorkflow)',
      migrations.some((p) => !!p?.migrated.length && !!p.failed.length),
    ],
    ['a continue-as-new', cases.some((h) => !!h.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes)],
    ['a closed case (closeCase update)', cases.some((h) => updatesIn(h).includes('closeCase'))],
  ];
  return need.filter(([, ok]) => !ok).map(([what]) => what);
}
