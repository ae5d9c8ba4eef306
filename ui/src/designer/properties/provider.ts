import {
  clientGroup,
  conditionGroup,
  dueGroup,
  namesGroup,
  outputsGroup,
  serviceGroup,
  taskGroup,
  timerDefinition,
  timerGroup,
  type Texts,
} from './groups';

/** Adds LexFlow's groups after bpmn-js's own (general, documentation, timer, message). */
class LexflowPropertiesProvider {
  static $inject = ['propertiesPanel', 'injector', 'config.lexflow'];

  constructor(
    propertiesPanel: any,
    private injector: any,
    private texts: Texts,
  ) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: any) {
    return (groups: any[]) => {
      const bo = element.businessObject;
      const type = bo?.$type ?? element.type;
      const add: any[] = [];
      if (type === 'bpmn:UserTask')
        add.push(taskGroup(element, this.texts), dueGroup(element, this.texts), outputsGroup(element, this.texts, this.injector));
      else if (type === 'bpmn:ServiceTask') add.push(serviceGroup(element, this.texts));
      else if (type === 'bpmn:SequenceFlow') {
        if (bo.sourceRef?.$type === 'bpmn:ExclusiveGateway') add.push(conditionGroup(element, this.texts, this.injector));
      } else if (type === 'bpmn:SubProcess') add.push(namesGroup(element, this.texts), clientGroup(element, this.texts));
      else if (type !== 'bpmn:Collaboration' && type !== 'label') add.push(namesGroup(element, this.texts));
      const timer = timerDefinition(bo);
      if (timer) add.push(timerGroup(element, this.texts, this.injector));
      // A group's own words (its edited / error marks, the toggle) come from its `translate`, which
      // bpmn-js's groups leave to the panel's English fallback: every group gets the firm's language.
      const translate = this.injector.get('translate');
      // The Camunda-only groups bpmn-js adds for some elements are of no use here.
      return [
        ...groups.filter(
          (g) =>
            ![
              ...(timer ? ['timer'] : []),
              'multiInstance',
              'compensation',
              'error',
              'escalation',
              'signal',
              'link',
              'adHocCompletion',
            ].includes(g.id),
        ),
        ...add,
      ].map((g) => ({ translate, ...g }));
    };
  }
}

export const lexflowPropertiesModule = {
  __init__: ['lexflowPropertiesProvider'],
  lexflowPropertiesProvider: ['type', LexflowPropertiesProvider],
};
