import { expressionVariables } from './expression';
import type { TemplateModel } from './schema';

/** What a simulation asks about one variable a decision reads, in both languages. */
export interface DecisionQuestion {
  name: string;
  type: string;
  options?: string[];
  /** The question as a person reads it ("是否上诉？" / "Appeal?"). */
  label: string;
  labelEn: string;
}

/** A label as a question: a yes/no label gets a question mark (full-width after Chinese text) unless it has one. */
export function asQuestion(label: string, type: string): string {
  const text = label.trim();
  if (type !== 'boolean' || /[?？]$/.test(text)) return text;
  return `${text}${/[\u3400-\u9fff]/.test(text) ? '？' : '?'}`;
}

/** appealFiledAt → "Appeal filed at"; needs_enforcement → "Needs enforcement". */
export function humanize(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The variables the template's decisions read, asked by label: the label of the task output that
 * captures the variable; else the name of the one decision that reads only it ("调解结案？");
 * else the variable's name in words. English from the English label, else the same chain.
 */
export function decisionQuestions(model: TemplateModel): DecisionQuestion[] {
  const names = new Set<string>();
  /** Per variable, the gateways whose conditions read it, and whether it is their only variable. */
  const gateways = new Map<string, Set<string>>();
  const readsOnly = new Map<string, Set<string>>();
  for (const f of Object.values(model.flows)) {
    if (!f.condition) continue;
    const vars = expressionVariables(f.condition.ast);
    for (const v of vars) {
      names.add(v);
      if (!gateways.has(v)) gateways.set(v, new Set());
      gateways.get(v)!.add(f.source);
    }
    const gw = model.nodes[f.source];
    if (gw) {
      if (!readsOnly.has(gw.id)) readsOnly.set(gw.id, new Set());
      for (const v of vars) readsOnly.get(gw.id)!.add(v);
    }
  }
  const outputs = new Map<string, { label?: string; labelEn?: string; options?: string[] }>();
  for (const n of Object.values(model.nodes))
    if (n.type === 'userTask') for (const o of n.outputs) if (!outputs.has(o.name)) outputs.set(o.name, o);
  return [...names].sort().map((name) => {
    const type = model.variables[name] ?? 'text';
    const output = outputs.get(name);
    const soleGateway = [...(gateways.get(name) ?? [])]
      .map((id) => model.nodes[id])
      .find((gw) => gw && readsOnly.get(gw.id)?.size === 1 && gw.name.trim() && gw.name !== gw.id);
    const zh = output?.label?.trim() || soleGateway?.name || output?.labelEn?.trim() || humanize(name);
    const en = output?.labelEn?.trim() || soleGateway?.nameEn || humanize(name);
    return {
      name,
      type,
      ...(output?.options ? { options: output.options } : {}),
      label: asQuestion(zh, type),
      labelEn: asQuestion(en, type),
    };
  });
}

/**
 * A case variable in words, in both languages, for "counted once … is known": the label of the task
 * output that captures it; else, for a case event's date (`<message>At`), the name of the event
 * that waits for it ("收到裁决书" / "Award received"); else its name in words.
 */
export function variableLabel(model: TemplateModel, name: string): { label: string; labelEn: string } {
  for (const n of Object.values(model.nodes)) {
    const o = n.type === 'userTask' ? n.outputs.find((x) => x.name === name) : undefined;
    if (o) return { label: o.label?.trim() || o.labelEn?.trim() || humanize(name), labelEn: o.labelEn?.trim() || humanize(name) };
  }
  const event = Object.values(model.nodes).find((n) => n.type === 'messageCatch' && `${n.message}At` === name && n.name !== n.id);
  if (event) return { label: event.name, labelEn: event.nameEn || humanize(name) };
  return { label: humanize(name), labelEn: humanize(name) };
}
