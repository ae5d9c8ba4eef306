import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lexflowModdle from '../../../process-templates/model/lexflow-moddle.json';
import { lexflowPaletteModule } from './palette';
import { lexflowPropertiesModule } from './properties/provider';
import type { Texts } from './properties/groups';
import { translateModule } from './translate';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';

/**
 * The bpmn-js modeler as LexFlow uses it: only the supported elements, LexFlow's attributes in
 * the properties panel, the interface in the firm's language. Kept out of Vue's reactivity by
 * the caller; every change goes through its command stack (so undo works).
 */
export function createModeler(container: HTMLElement, panel: HTMLElement, texts: Texts): any {
  return new Modeler({
    container,
    propertiesPanel: { parent: panel },
    lexflow: texts,
    moddleExtensions: { lexflow: lexflowModdle },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      lexflowPropertiesModule,
      lexflowPaletteModule,
      translateModule(texts.locale),
    ],
  });
}

/** A blank template: a start, one stage with a task, an end. */
export const BLANK_TEMPLATE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:lexflow="http://lexflow.dev/schema/bpmn/1.0" id="Definitions_new" targetNamespace="http://lexflow.dev/templates">
  <bpmn:process id="Process_new" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:subProcess id="Stage_1" name="阶段一"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:startEvent id="Stage_1_Start"><bpmn:outgoing>Flow_3</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="Task_1" name="任务"><bpmn:incoming>Flow_3</bpmn:incoming><bpmn:outgoing>Flow_4</bpmn:outgoing></bpmn:userTask>
      <bpmn:endEvent id="Stage_1_End"><bpmn:incoming>Flow_4</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="Flow_3" sourceRef="Stage_1_Start" targetRef="Task_1" />
      <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_1" targetRef="Stage_1_End" />
    </bpmn:subProcess>
    <bpmn:endEvent id="End"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Stage_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Stage_1" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_new"><bpmndi:BPMNPlane id="Plane_new" bpmnElement="Process_new">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="62" y="132" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Stage_1_di" bpmnElement="Stage_1" isExpanded="true"><dc:Bounds x="150" y="60" width="420" height="180" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Stage_1_Start_di" bpmnElement="Stage_1_Start"><dc:Bounds x="192" y="132" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1"><dc:Bounds x="300" y="110" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Stage_1_End_di" bpmnElement="Stage_1_End"><dc:Bounds x="482" y="132" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="642" y="132" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="98" y="150" /><di:waypoint x="150" y="150" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="570" y="150" /><di:waypoint x="642" y="150" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="228" y="150" /><di:waypoint x="300" y="150" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="Flow_4_di" bpmnElement="Flow_4"><di:waypoint x="400" y="150" /><di:waypoint x="482" y="150" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
