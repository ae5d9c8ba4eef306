import { civilDateAt, type CivilDate } from '../deadlines/civil-date';

/**
 * What the client portal shows of a case's progress: the template's stages as the client sees them
 * (a stage's `client` label and description), each done, current or upcoming, with the dates it was
 * entered and left. Pure: the caller brings the pinned template model's stages, the case's stage
 * visits (stage_history, written by the workflow's activities) and — for a running case — the
 * current stage from the workflow's progress query.
 *
 * Folding: a stage without `client` is not shown; its visits count for the nearest shown stage
 * before it (or the first shown one after it, when none comes before). A template with no `client`
 * stage at all shows every stage under its own name. A closed case shows the stages it reached, all
 * done, and no current stage.
 */
export interface PortalStageDef {
  id: string;
  name: string;
  nameEn?: string;
  client?: { label: string; labelEn?: string; description?: string; descriptionEn?: string };
}

/** One visit of a stage (a stage re-entered has several). */
export interface PortalStageVisit {
  stageId: string;
  enteredAt: Date;
  exitedAt: Date | null;
}

export type PortalStageStatus = 'done' | 'current' | 'upcoming';

export interface PortalStage {
  id: string;
  label: string;
  labelEn?: string;
  description?: string;
  descriptionEn?: string;
  status: PortalStageStatus;
  enteredOn: CivilDate | null;
  leftOn: CivilDate | null;
}

export interface PortalProgress {
  stages: PortalStage[];
  currentStage: Omit<PortalStage, 'status' | 'leftOn'> | null;
}

export interface PortalProgressInput {
  /** The template model's stage order with each stage node. */
  stages: PortalStageDef[];
  visits: PortalStageVisit[];
  /**
   * The running case's current stage as its workflow reports it; `undefined`: take it from the
   * visits (the latest one not left), as a list of many cases does without asking each workflow.
   */
  currentStageId?: string | null;
  closed: boolean;
  timeZone: string;
}

interface Group {
  shown: PortalStageDef;
  members: Set<string>;
}

function groupsOf(stages: PortalStageDef[]): Group[] {
  const anyShown = stages.some((s) => s.client);
  if (!anyShown) return stages.map((s) => ({ shown: s, members: new Set([s.id]) }));
  const groups: Group[] = [];
  const leading: string[] = [];
  for (const s of stages) {
    if (s.client) groups.push({ shown: s, members: new Set([s.id]) });
    else if (groups.length) groups[groups.length - 1].members.add(s.id);
    else leading.push(s.id);
  }
  for (const id of leading) groups[0].members.add(id);
  return groups;
}

/** The stage being worked now by the visits alone: the latest entered that is not left. */
function openStageOf(visits: PortalStageVisit[]): string | null {
  const open = visits.filter((v) => !v.exitedAt).sort((a, b) => b.enteredAt.getTime() - a.enteredAt.getTime());
  return open[0]?.stageId ?? null;
}

export function portalProgress(input: PortalProgressInput): PortalProgress {
  const groups = groupsOf(input.stages);
  const day = (d: Date) => civilDateAt(d.getTime(), input.timeZone);
  const currentId = input.closed ? null : input.currentStageId === undefined ? openStageOf(input.visits) : input.currentStageId;
  const currentIndex = currentId === null ? -1 : groups.findIndex((g) => g.members.has(currentId));
  const stages: PortalStage[] = [];
  groups.forEach((g, i) => {
    const visits = input.visits.filter((v) => g.members.has(v.stageId));
    const reached = visits.length > 0;
    if (input.closed && !reached) return;
    const status: PortalStageStatus = input.closed
      ? 'done'
      : currentIndex < 0
        ? reached && visits.every((v) => v.exitedAt)
          ? 'done'
          : 'upcoming'
        : i < currentIndex
          ? 'done'
          : i === currentIndex
            ? 'current'
            : 'upcoming';
    const entered = reached ? new Date(Math.min(...visits.map((v) => v.enteredAt.getTime()))) : null;
    const left =
      status !== 'current' && reached && visits.every((v) => v.exitedAt)
        ? new Date(Math.max(...visits.map((v) => v.exitedAt!.getTime())))
        : null;
    const s = g.shown;
    const own = !s.client;
    stages.push({
      id: s.id,
      label: own ? s.name : s.client!.label,
      ...((own ? s.nameEn : s.client!.labelEn) ? { labelEn: own ? s.nameEn : s.client!.labelEn } : {}),
      ...(s.client?.description ? { description: s.client.description } : {}),
      ...(s.client?.descriptionEn ? { descriptionEn: s.client.descriptionEn } : {}),
      status,
      // An upcoming stage the case went back from has no dates: it is ahead again.
      enteredOn: entered && status !== 'upcoming' ? day(entered) : null,
      leftOn: left && status !== 'upcoming' ? day(left) : null,
    });
  });
  const current = stages.find((s) => s.status === 'current');
  let currentStage: PortalProgress['currentStage'] = null;
  if (current) {
    const { status: _status, leftOn: _leftOn, ...rest } = current;
    currentStage = rest;
  }
  return { stages, currentStage };
}

/** The template model's stages in order, as `portalProgress` takes them. */
export function portalStageDefs(model: {
  stages: readonly string[];
  nodes: Record<string, { type: string; name: string; nameEn?: string; client?: PortalStageDef['client'] }>;
}): PortalStageDef[] {
  return model.stages.flatMap((id) => {
    const n = model.nodes[id];
    if (!n) return [];
    return [
      { id, name: n.name, ...(n.nameEn ? { nameEn: n.nameEn } : {}), ...(n.type === 'stage' && n.client ? { client: n.client } : {}) },
    ];
  });
}
