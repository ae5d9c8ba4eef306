/**
 * The case heat map drawn on the diagram as bpmn-js overlays: one badge per node with open cases
 * (count and median time spent), coloured from pale to deep by count. Overlays are view state,
 * not part of the model: they go through no command and leave the undo stack alone.
 */
export interface HeatNode {
  nodeId: string;
  openCases: number;
  medianOpenMs: number | null;
}

const TYPE = 'lexflow-heat';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Five steps from few to many, relative to the busiest node. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(5, Math.max(1, Math.ceil((count / max) * 5)));
}

/** A median time as whole days (at least one day) or, under a day, whole hours (at least one). */
export function medianParts(ms: number): { unit: 'days' | 'hours'; n: number } {
  if (ms >= DAY) return { unit: 'days', n: Math.round(ms / DAY) };
  return { unit: 'hours', n: Math.max(1, Math.round(ms / HOUR)) };
}

export function showHeatmap(modeler: any, nodes: HeatNode[], say: { open: (n: number) => string; median: (ms: number) => string }): number {
  const overlays = modeler.get('overlays');
  const registry = modeler.get('elementRegistry');
  overlays.remove({ type: TYPE });
  const shown = nodes.filter((n) => n.openCases > 0 && registry.get(n.nodeId));
  const max = Math.max(0, ...shown.map((n) => n.openCases));
  for (const n of shown) {
    const badge = document.createElement('div');
    badge.className = `lexflow-heat lexflow-heat-${heatLevel(n.openCases, max)}`;
    badge.dataset.test = `heat-${n.nodeId}`;
    const count = document.createElement('strong');
    count.textContent = say.open(n.openCases);
    badge.append(count);
    if (n.medianOpenMs !== null) {
      const median = document.createElement('span');
      median.textContent = say.median(n.medianOpenMs);
      badge.append(median);
    }
    // scale: false — the badge keeps its size at any zoom (a fitted diagram is drawn small).
    overlays.add(n.nodeId, TYPE, { position: { top: -14, right: 8 }, html: badge, scale: false });
  }
  return shown.length;
}

export function hideHeatmap(modeler: any) {
  modeler?.get('overlays').remove({ type: TYPE });
}
