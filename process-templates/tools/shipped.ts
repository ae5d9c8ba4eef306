import { civilFirstInstance, civilSecondInstance } from './shipped-civil';
import { administrativeLitigation, commercialArbitration, criminalDefence, dueDiligence } from './shipped-other';
import type { TemplateDef } from './bpmn-writer';

export const SHIPPED_TEMPLATES: TemplateDef[] = [
  civilFirstInstance,
  civilSecondInstance,
  criminalDefence,
  administrativeLitigation,
  commercialArbitration,
  dueDiligence,
];
