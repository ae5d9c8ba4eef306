/**
 * Writes a BPMN 2.0 file with diagram layout (DI) from a compact description on a grid, so the
 * shipped templates open in bpmn-js laid out. A development tool: the .bpmn files it writes are
 * the shipped artefacts; a test keeps them in step with this description.
 */
export interface Output {
  name: string;
  type: 'date' | 'datetime' | 'text' | 'number' | 'boolean' | 'choice';
  required?: boolean;
  options?: string;
  label: string;
  labelEn: string;
}

interface Base {
  id: string;
  col: number;
  row: number;
  name?: string;
  nameEn?: string;
}
export type El =
  | (Base & { kind: 'start' })
  | (Base & { kind: 'end'; terminate?: boolean })
  | (Base & { kind: 'task'; attrs?: Record<string, string>; outputs?: Output[] })
  | (Base & { kind: 'service'; attrs: Record<string, string> })
  | (Base & { kind: 'xor'; default?: string })
  | (Base & { kind: 'and' })
  | (Base & { kind: 'message'; message: string })
  | (Base & { kind: 'timer'; duration?: string; date?: string })
  | (Base & { kind: 'stage'; client?: StageClientDef; children: El[]; flows: FlowDef[] });

/** How the client portal shows a stage (lexflow:clientLabel …); `notify`: entering it tells the client. */
export interface StageClientDef {
  label: string;
  labelEn: string;
  description: string;
  descriptionEn: string;
  notify?: boolean;
}

/** [from, to, condition?]; a condition of 'default' makes the gateway's default flow. */
export type FlowDef = [string, string, string?];

export interface BoundaryDef {
  id: string;
  attachedTo: string;
  name: string;
  nameEn: string;
  duration: string;
  interrupting: boolean;
}

export interface TemplateDef {
  id: string;
  name: string;
  nameEn: string;
  practiceArea: string;
  caseTypes: string[];
  variables?: string;
  elements: El[];
  flows: FlowDef[];
  boundaries?: BoundaryDef[];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const CELL_W = 150;
const CELL_H = 110;
const PAD = 30;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const flowId = (from: string, to: string) => `Flow_${from}_${to}`;

function size(el: El): { w: number; h: number } {
  switch (el.kind) {
    case 'start':
    case 'end':
    case 'message':
    case 'timer':
      return { w: 36, h: 36 };
    case 'xor':
    case 'and':
      return { w: 50, h: 50 };
    case 'task':
    case 'service':
      return { w: 110, h: 80 };
    case 'stage': {
      const cols = Math.max(...el.children.map((c) => c.col)) + 1;
      const rows = Math.max(...el.children.map((c) => c.row)) + 1;
      return { w: cols * CELL_W + 2 * PAD, h: rows * CELL_H + 2 * PAD };
    }
  }
}

/** Places elements on a grid whose columns and rows grow to their largest element. */
function layout(elements: El[], originX: number, originY: number, boxes: Map<string, Box>) {
  const colW = new Map<number, number>();
  const rowH = new Map<number, number>();
  for (const el of elements) {
    const s = size(el);
    colW.set(el.col, Math.max(colW.get(el.col) ?? 0, Math.max(s.w + 40, CELL_W)));
    rowH.set(el.row, Math.max(rowH.get(el.row) ?? 0, Math.max(s.h + 40, CELL_H)));
  }
  const offset = (m: Map<number, number>, i: number) => [...m.entries()].filter(([k]) => k < i).reduce((a, [, v]) => a + v, 0);
  for (const el of elements) {
    const s = size(el);
    const cx = originX + offset(colW, el.col) + colW.get(el.col)! / 2;
    const cy = originY + offset(rowH, el.row) + rowH.get(el.row)! / 2;
    const box = { x: Math.round(cx - s.w / 2), y: Math.round(cy - s.h / 2), w: s.w, h: s.h };
    boxes.set(el.id, box);
    if (el.kind === 'stage') layout(el.children, box.x + PAD - 5, box.y + PAD - 10, boxes);
  }
}

/**
 * Orthogonal routes that keep out of the boxes of other cells: same row straight across; to a
 * lower row down first, then across; to a higher row across first, then up; backwards below both.
 */
function waypoints(a: Box, b: Box): Array<[number, number]> {
  const sy = a.y + a.h / 2;
  const ty = b.y + b.h / 2;
  const sx = a.x + a.w;
  const tx = b.x;
  if (tx < a.x) {
    const below = Math.max(a.y + a.h, b.y + b.h) + 30;
    return [
      [a.x + a.w / 2, a.y + a.h],
      [a.x + a.w / 2, below],
      [b.x + b.w / 2, below],
      [b.x + b.w / 2, b.y + b.h],
    ];
  }
  if (Math.abs(sy - ty) < 1)
    return [
      [sx, sy],
      [tx, ty],
    ];
  if (ty > sy)
    return [
      [a.x + a.w / 2, a.y + a.h],
      [a.x + a.w / 2, ty],
      [tx, ty],
    ];
  return [
    [sx, sy],
    [b.x + b.w / 2, sy],
    [b.x + b.w / 2, b.y + b.h],
  ];
}

function elementXml(el: El, flows: FlowDef[], indent: string): string {
  const nm = el.name ? ` name="${esc(el.name)}"` : '';
  const en = el.nameEn ? ` lexflow:nameEn="${esc(el.nameEn)}"` : '';
  const attrs = (a: Record<string, string> = {}) =>
    Object.entries(a)
      .map(([k, v]) => ` lexflow:${k}="${esc(v)}"`)
      .join('');
  const io = (tag: string, body = '') => {
    const inc = flows.filter(([, to]) => to === el.id).map(([f, t]) => `${indent}  <bpmn:incoming>${flowId(f, t)}</bpmn:incoming>`);
    const out = flows.filter(([from]) => from === el.id).map(([f, t]) => `${indent}  <bpmn:outgoing>${flowId(f, t)}</bpmn:outgoing>`);
    const inner = [body, ...inc, ...out].filter(Boolean).join('\n');
    return `${tag}\n${inner}\n${indent}`;
  };
  switch (el.kind) {
    case 'start':
      return `${indent}<bpmn:startEvent id="${el.id}"${nm}${en}>${io('')}</bpmn:startEvent>`;
    case 'end':
      return `${indent}<bpmn:endEvent id="${el.id}"${nm}${en}>${io('', el.terminate ? `${indent}  <bpmn:terminateEventDefinition id="${el.id}_def" />` : '')}</bpmn:endEvent>`;
    case 'task': {
      const outs = el.outputs?.length
        ? `${indent}  <bpmn:extensionElements>\n${indent}    <lexflow:outputs>\n${el.outputs
            .map(
              (o) =>
                `${indent}      <lexflow:output name="${o.name}" type="${o.type}"${o.required === false ? ' required="false"' : ''}${o.options ? ` options="${esc(o.options)}"` : ''} label="${esc(o.label)}" labelEn="${esc(o.labelEn)}" />`,
            )
            .join('\n')}\n${indent}    </lexflow:outputs>\n${indent}  </bpmn:extensionElements>`
        : '';
      return `${indent}<bpmn:userTask id="${el.id}"${nm}${en}${attrs(el.attrs)}>${io('', outs)}</bpmn:userTask>`;
    }
    case 'service':
      return `${indent}<bpmn:serviceTask id="${el.id}"${nm}${en}${attrs(el.attrs)}>${io('')}</bpmn:serviceTask>`;
    case 'xor': {
      const def = flows.find(([from, , c]) => from === el.id && c === 'default');
      return `${indent}<bpmn:exclusiveGateway id="${el.id}"${nm}${en}${def ? ` default="${flowId(def[0], def[1])}"` : ''}>${io('')}</bpmn:exclusiveGateway>`;
    }
    case 'and':
      return `${indent}<bpmn:parallelGateway id="${el.id}"${nm}${en}>${io('')}</bpmn:parallelGateway>`;
    case 'message':
      return `${indent}<bpmn:intermediateCatchEvent id="${el.id}"${nm}${en}>${io('', `${indent}  <bpmn:messageEventDefinition id="${el.id}_def" messageRef="Message_${el.message}" />`)}</bpmn:intermediateCatchEvent>`;
    case 'timer': {
      const t = el.duration
        ? `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${el.duration}</bpmn:timeDuration>`
        : `<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${esc(el.date!)}</bpmn:timeDate>`;
      return `${indent}<bpmn:intermediateCatchEvent id="${el.id}"${nm}${en}>${io('', `${indent}  <bpmn:timerEventDefinition id="${el.id}_def">${t}</bpmn:timerEventDefinition>`)}</bpmn:intermediateCatchEvent>`;
    }
    case 'stage': {
      const inner = [
        ...el.children.map((c) => elementXml(c, el.flows, `${indent}  `)),
        ...el.flows.map((f) => flowXml(f, `${indent}  `)),
      ].join('\n');
      const client = el.client
        ? attrs({
            clientLabel: el.client.label,
            clientLabelEn: el.client.labelEn,
            clientDescription: el.client.description,
            clientDescriptionEn: el.client.descriptionEn,
            ...(el.client.notify ? { notifyClient: 'true' } : {}),
          })
        : '';
      return `${indent}<bpmn:subProcess id="${el.id}"${nm}${en}${client}>${io('', inner)}</bpmn:subProcess>`;
    }
  }
}

function flowXml([from, to, cond]: FlowDef, indent: string): string {
  const id = flowId(from, to);
  if (!cond || cond === 'default') return `${indent}<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
  return `${indent}<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">\n${indent}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(cond)}</bpmn:conditionExpression>\n${indent}</bpmn:sequenceFlow>`;
}

function allElements(els: El[]): El[] {
  return els.flatMap((e) => (e.kind === 'stage' ? [e, ...allElements(e.children)] : [e]));
}

export function writeBpmn(t: TemplateDef): string {
  const boxes = new Map<string, Box>();
  layout(t.elements, 40, 60, boxes);
  const boundaries = t.boundaries ?? [];
  const boundaryFlows = t.flows.filter(([from]) => boundaries.some((b) => b.id === from));
  for (const b of boundaries) {
    const host = boxes.get(b.attachedTo)!;
    boxes.set(b.id, { x: host.x + host.w - 70, y: host.y + host.h - 18, w: 36, h: 36 });
  }
  const messages = [...new Set(allElements(t.elements).flatMap((e) => (e.kind === 'message' ? [e.message] : [])))];
  const processBody = [
    ...t.elements.map((e) => elementXml(e, t.flows, '    ')),
    ...boundaries.map(
      (b) =>
        `    <bpmn:boundaryEvent id="${b.id}" name="${esc(b.name)}" lexflow:nameEn="${esc(b.nameEn)}" attachedToRef="${b.attachedTo}" cancelActivity="${b.interrupting}">\n` +
        boundaryFlows
          .filter(([f]) => f === b.id)
          .map(([f, to]) => `      <bpmn:outgoing>${flowId(f, to)}</bpmn:outgoing>\n`)
          .join('') +
        `      <bpmn:timerEventDefinition id="${b.id}_def"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${b.duration}</bpmn:timeDuration></bpmn:timerEventDefinition>\n    </bpmn:boundaryEvent>`,
    ),
    ...t.flows.map((f) => flowXml(f, '    ')),
  ].join('\n');

  const shapes: string[] = [];
  const edges: string[] = [];
  for (const el of [...allElements(t.elements), ...boundaries.map((b) => ({ id: b.id, kind: 'boundary' as const }))]) {
    const b = boxes.get(el.id)!;
    const expanded = el.kind === 'stage' ? ' isExpanded="true"' : '';
    shapes.push(
      `      <bpmndi:BPMNShape id="${el.id}_di" bpmnElement="${el.id}"${expanded}>\n        <dc:Bounds x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" />\n      </bpmndi:BPMNShape>`,
    );
  }
  const flowsOf = (els: El[], flows: FlowDef[]): FlowDef[] => [
    ...flows,
    ...els.flatMap((e) => (e.kind === 'stage' ? flowsOf(e.children, e.flows) : [])),
  ];
  for (const [from, to] of flowsOf(t.elements, t.flows)) {
    const pts = waypoints(boxes.get(from)!, boxes.get(to)!);
    edges.push(
      `      <bpmndi:BPMNEdge id="${flowId(from, to)}_di" bpmnElement="${flowId(from, to)}">\n${pts.map(([x, y]) => `        <di:waypoint x="${Math.round(x)}" y="${Math.round(y)}" />`).join('\n')}\n      </bpmndi:BPMNEdge>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:lexflow="http://lexflow.dev/schema/bpmn/1.0" id="Definitions_${t.id}" targetNamespace="http://lexflow.dev/templates" exporter="LexFlow" exporterVersion="1">
${messages.map((m) => `  <bpmn:message id="Message_${m}" name="${m}" />`).join('\n')}
  <bpmn:process id="${t.id.replace(/-/g, '_')}" name="${esc(t.name)}" isExecutable="true" lexflow:nameEn="${esc(t.nameEn)}" lexflow:practiceArea="${t.practiceArea}" lexflow:caseTypes="${t.caseTypes.join(',')}"${t.variables ? ` lexflow:variables="${t.variables}"` : ''}>
${processBody}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${t.id}">
    <bpmndi:BPMNPlane id="Plane_${t.id}" bpmnElement="${t.id.replace(/-/g, '_')}">
${shapes.join('\n')}
${edges.join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
