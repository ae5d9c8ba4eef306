// The bpmn-io libraries used by the designer ship no TypeScript declarations for these entry points.
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: any;
  export const BpmnPropertiesProviderModule: any;
  export function useService(name: string): any;
}
declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: any;
  export const TextAreaEntry: any;
  export const SelectEntry: any;
  export const CheckboxEntry: any;
  export const ListGroup: any;
  export const isTextFieldEntryEdited: any;
  export const isTextAreaEntryEdited: any;
  export const isSelectEntryEdited: any;
  export const isCheckboxEntryEdited: any;
}
declare module '@bpmn-io/properties-panel/preact' {
  export const h: any;
}
declare module 'bpmn-js/lib/Modeler' {
  const Modeler: any;
  export default Modeler;
}
declare module 'bpmn-js/lib/NavigatedViewer' {
  const Viewer: any;
  export default Viewer;
}
