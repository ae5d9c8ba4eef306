// bpmn-moddle 10 ships types only under "bpmn-moddle/types"; the compiler needs just this much.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    $attrs?: Record<string, string>;
    $parent?: ModdleElement;
    get(name: string): any;
    [key: string]: any;
  }
  export interface FromXmlResult {
    rootElement: ModdleElement;
    warnings: Array<{ message: string; element?: ModdleElement; property?: string }>;
    elementsById: Record<string, ModdleElement>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
