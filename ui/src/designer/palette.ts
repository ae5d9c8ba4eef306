/**
 * Limits the modeler to the elements LexFlow runs: the palette, the context pad and the
 * "change type" menu offer nothing the compiler would refuse.
 */
type Entries = Record<string, unknown>;

const PALETTE_KEEP = new Set([
  'hand-tool',
  'lasso-tool',
  'space-tool',
  'global-connect-tool',
  'tool-separator',
  'create.start-event',
  'create.end-event',
  'create.exclusive-gateway',
  'create.subprocess-expanded',
]);
const CONTEXT_DROP = [
  'append.intermediate-event',
  'append.append-task',
  'replace-with-data',
  'lane-',
  'append.text-annotation-placeholder',
];
const REPLACE_KEEP =
  /^replace-with-(user-task|service-task|exclusive-gateway|parallel-gateway|none-start|none-end|terminate-end|timer-intermediate-catch|message-intermediate-catch|expanded-subprocess|collapsed-subprocess|timer-boundary|non-interrupting-timer-boundary)$|^toggle-non-interrupting$/;

class LexflowPalette {
  static $inject = ['palette', 'create', 'elementFactory', 'translate'];
  constructor(
    palette: any,
    private create: any,
    private elementFactory: any,
    private translate: (s: string) => string,
  ) {
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    const shape =
      (type: string, extra: Record<string, unknown> = {}) =>
      (event: Event) =>
        this.create.start(event, this.elementFactory.createShape({ type, ...extra }));
    const own: Entries = {
      'create.user-task': {
        group: 'activity',
        className: 'bpmn-icon-user-task',
        title: this.translate('Create user task'),
        action: { dragstart: shape('bpmn:UserTask'), click: shape('bpmn:UserTask') },
      },
      'create.service-task': {
        group: 'activity',
        className: 'bpmn-icon-service-task',
        title: this.translate('Create service task'),
        action: { dragstart: shape('bpmn:ServiceTask'), click: shape('bpmn:ServiceTask') },
      },
      'create.parallel-gateway': {
        group: 'gateway',
        className: 'bpmn-icon-gateway-parallel',
        title: this.translate('Create parallel gateway'),
        action: { dragstart: shape('bpmn:ParallelGateway'), click: shape('bpmn:ParallelGateway') },
      },
      'create.timer-catch': {
        group: 'event',
        className: 'bpmn-icon-intermediate-event-catch-timer',
        title: this.translate('Create timer wait'),
        action: {
          dragstart: shape('bpmn:IntermediateCatchEvent', { eventDefinitionType: 'bpmn:TimerEventDefinition' }),
          click: shape('bpmn:IntermediateCatchEvent', { eventDefinitionType: 'bpmn:TimerEventDefinition' }),
        },
      },
      'create.message-catch': {
        group: 'event',
        className: 'bpmn-icon-intermediate-event-catch-message',
        title: this.translate('Create case event wait'),
        action: {
          dragstart: shape('bpmn:IntermediateCatchEvent', { eventDefinitionType: 'bpmn:MessageEventDefinition' }),
          click: shape('bpmn:IntermediateCatchEvent', { eventDefinitionType: 'bpmn:MessageEventDefinition' }),
        },
      },
    };
    return (entries: Entries) => ({ ...Object.fromEntries(Object.entries(entries).filter(([id]) => PALETTE_KEEP.has(id))), ...own });
  }
}

class LexflowContextPad {
  static $inject = ['contextPad', 'autoPlace', 'elementFactory', 'translate'];
  constructor(
    contextPad: any,
    private autoPlace: any,
    private elementFactory: any,
    private translate: (s: string) => string,
  ) {
    contextPad.registerProvider(500, this);
  }

  getContextPadEntries(element: any) {
    const append = (type: string) => (_event: Event, el: any) => this.autoPlace.append(el, this.elementFactory.createShape({ type }));
    return (entries: Entries) => {
      const kept = Object.fromEntries(Object.entries(entries).filter(([id]) => !CONTEXT_DROP.some((d) => id.startsWith(d))));
      const flowNode = [
        'bpmn:StartEvent',
        'bpmn:UserTask',
        'bpmn:ServiceTask',
        'bpmn:ExclusiveGateway',
        'bpmn:ParallelGateway',
        'bpmn:SubProcess',
        'bpmn:IntermediateCatchEvent',
        'bpmn:BoundaryEvent',
      ].includes(element.type);
      if (!flowNode) return kept;
      return {
        ...kept,
        'append.user-task': {
          group: 'model',
          className: 'bpmn-icon-user-task',
          title: this.translate('Append user task'),
          action: { click: append('bpmn:UserTask') },
        },
        'append.service-task': {
          group: 'model',
          className: 'bpmn-icon-service-task',
          title: this.translate('Append service task'),
          action: { click: append('bpmn:ServiceTask') },
        },
        // Placed at once beside the element, like the tasks above, rather than dragged.
        'append.end-event': {
          group: 'model',
          className: 'bpmn-icon-end-event-none',
          title: this.translate('Append end event'),
          action: { click: append('bpmn:EndEvent') },
        },
      };
    };
  }
}

class LexflowReplaceMenu {
  static $inject = ['popupMenu'];
  constructor(popupMenu: any) {
    popupMenu.registerProvider('bpmn-replace', 500, this);
  }

  getPopupMenuEntries() {
    return (entries: Entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => REPLACE_KEEP.test(id)));
  }

  getPopupMenuHeaderEntries() {
    return (entries: Entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => REPLACE_KEEP.test(id)));
  }
}

export const lexflowPaletteModule = {
  __init__: ['lexflowPalette', 'lexflowContextPad', 'lexflowReplaceMenu'],
  lexflowPalette: ['type', LexflowPalette],
  lexflowContextPad: ['type', LexflowContextPad],
  lexflowReplaceMenu: ['type', LexflowReplaceMenu],
};
