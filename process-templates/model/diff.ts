import type { TemplateModel } from './schema';

export interface ModelDiff {
  added: string[];
  removed: string[];
  /** Present in both with different settings (name, due rule, outputs, conditions …). */
  changed: string[];
}

/** What differs between two versions, by element id (nodes and flows), for the visual diff. */
export function diffModels(from: TemplateModel, to: TemplateModel): ModelDiff {
  const elements = (m: TemplateModel) =>
    new Map<string, string>([
      ...Object.values(m.nodes).map((n) => [n.id, JSON.stringify({ ...n, outgoing: undefined })] as [string, string]),
      ...Object.values(m.flows).map((f) => [f.id, JSON.stringify({ s: f.source, t: f.target, c: f.condition?.text })] as [string, string]),
    ]);
  const a = elements(from);
  const b = elements(to);
  return {
    added: [...b.keys()].filter((id) => !a.has(id)).sort(),
    removed: [...a.keys()].filter((id) => !b.has(id)).sort(),
    changed: [...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id)).sort(),
  };
}
