/** Wraps BPMN elements into a definitions document with the namespaces the compiler knows. */
export function bpmn(body: string, processAttrs = '', extraRoot = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:lexflow="http://lexflow.dev/schema/bpmn/1.0"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="Defs" targetNamespace="http://lexflow.dev/test">
  ${extraRoot}
  <bpmn:process id="P" name="测试流程" ${processAttrs}>
    ${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → [inner] → end, wiring ids in order with flows f1..fn. */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((id, i) => `<bpmn:sequenceFlow id="f_${ids[i]}_${id}" sourceRef="${ids[i]}" targetRef="${id}" />`)
    .join('\n');
}
