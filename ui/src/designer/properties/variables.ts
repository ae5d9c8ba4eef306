import { BUILTIN_VARIABLES } from '../../../../process-templates/model/schema';

export interface KnownVariable {
  name: string;
  type: string;
}

/**
 * The case variables a template can read, collected from the diagram as it stands: task outputs,
 * case events (<name>At), the process declaration and the variables every case has.
 */
export function knownVariables(definitions: any): KnownVariable[] {
  const found = new Map<string, string>(Object.entries(BUILTIN_VARIABLES));
  const process = (definitions?.rootElements ?? []).find((r: any) => r.$type === 'bpmn:Process');
  for (const decl of String(process?.get?.('lexflow:variables') ?? '').split(',')) {
    const [name, type] = decl.split(':').map((s) => s.trim());
    if (name && type) found.set(name, type);
  }
  const walk = (elements: any[]) => {
    for (const el of elements ?? []) {
      if (el.$type === 'bpmn:SubProcess') walk(el.flowElements);
      if (el.$type === 'bpmn:UserTask') {
        for (const ext of el.extensionElements?.values ?? []) {
          if (ext.$type === 'lexflow:Outputs') for (const o of ext.values ?? []) if (o.name) found.set(o.name, o.type ?? 'text');
        }
      }
      if (el.$type === 'bpmn:IntermediateCatchEvent') {
        const msg = el.eventDefinitions?.[0]?.messageRef?.name;
        if (msg) found.set(`${msg}At`, 'date');
      }
    }
  };
  walk(process?.flowElements);
  return [...found].map(([name, type]) => ({ name, type })).sort((a, b) => a.name.localeCompare(b.name));
}

export function definitionsOf(element: any): any {
  let bo = element?.businessObject;
  while (bo?.$parent) bo = bo.$parent;
  return bo;
}

/** A case event the template waits for, named as the diagram's catch event names it (e.g. 收到判决书). */
export interface CaseEventLabel {
  name: string;
  label: string;
  labelEn: string;
}

/** The template's case events (message names), each labelled by the first catch event waiting for it. */
export function caseEventLabels(definitions: any): CaseEventLabel[] {
  const labels = new Map<string, { label: string; labelEn: string }>();
  const walk = (elements: any[]) => {
    for (const el of elements ?? []) {
      if (el.$type === 'bpmn:SubProcess') walk(el.flowElements);
      const msg = el.eventDefinitions?.find((d: any) => d.$type === 'bpmn:MessageEventDefinition')?.messageRef?.name;
      if (msg && !labels.has(msg) && el.name?.trim())
        labels.set(msg, { label: el.name.trim(), labelEn: String(el.get?.('lexflow:nameEn') ?? '').trim() || el.name.trim() });
    }
  };
  for (const root of definitions?.rootElements ?? []) if (root.$type === 'bpmn:Process') walk(root.flowElements);
  return (definitions?.rootElements ?? [])
    .filter((e: any) => e.$type === 'bpmn:Message' && e.name)
    .map((e: any) => ({ name: e.name, ...(labels.get(e.name) ?? { label: e.name, labelEn: e.name }) }));
}
