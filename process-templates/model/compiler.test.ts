import { compile } from './compiler';
import { bpmn, chain } from './test-support/bpmn';

const ok = async (xml: string) => {
  const r = await compile(xml);
  if (!r.model) throw new Error(`expected a model, got ${JSON.stringify(r.errors)}`);
  return r.model;
};
const errorsOf = async (xml: string) => (await compile(xml)).errors.map((e) => [e.elementId, e.code]);
/** start → X → end around one element X. */
const around = (el: string, id = 'X') => bpmn(`<bpmn:startEvent id="S"/>${el}<bpmn:endEvent id="E"/>${chain('S', id, 'E')}`);
const task = (attrs: string, body = '') => around(`<bpmn:userTask id="X" name="任务" ${attrs}>${body}</bpmn:userTask>`);
const outputs = (...o: string[]) => `<bpmn:extensionElements><lexflow:outputs>${o.join('')}</lexflow:outputs></bpmn:extensionElements>`;
const service = (attrs: string) => around(`<bpmn:serviceTask id="X" name="服务" ${attrs}/>`);
const timer = (def: string) =>
  around(`<bpmn:intermediateCatchEvent id="X"><bpmn:timerEventDefinition>${def}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`);

describe('compile: every supported element', () => {
  it('user tasks with every LexFlow attribute', async () => {
    const m = await ok(
      task(
        'lexflow:nameEn="Task" lexflow:assigneeRole="assistant" lexflow:taskKind="hearing" lexflow:required="false" lexflow:due="P10D" lexflow:dueCalendar="workdays" lexflow:reminders="P3D, PT12H" lexflow:escalateAfter="P1D" lexflow:escalateTo="partner"',
        outputs(
          '<lexflow:output name="hearingAt" type="datetime"/>',
          '<lexflow:output name="result" type="choice" options="a, b" required="false" label="结果" labelEn="Result"/>',
        ),
      ),
    );
    expect(m.nodes.X).toEqual({
      type: 'userTask',
      id: 'X',
      name: '任务',
      nameEn: 'Task',
      scope: null,
      outgoing: ['f_X_E'],
      assigneeRole: 'assistant',
      taskKind: 'hearing',
      required: false,
      due: { kind: 'duration', duration: 'P10D', from: 'nodeStart', calendar: 'workdays' },
      reminders: ['P3D', 'PT12H'],
      escalation: { after: 'P1D', toRole: 'partner' },
      outputs: [
        { name: 'hearingAt', type: 'datetime', required: true },
        { name: 'result', type: 'choice', required: false, options: ['a', 'b'], label: '结果', labelEn: 'Result' },
      ],
      boundary: [],
    });
    expect(m.variables).toMatchObject({ hearingAt: 'datetime', result: 'choice' });
  });

  it('defaults: lead lawyer, plain task, required, no due', async () => {
    expect((await ok(task(''))).nodes.X).toMatchObject({
      assigneeRole: 'lead',
      taskKind: 'task',
      required: true,
      reminders: [],
      outputs: [],
    });
  });

  it('statutory periods from a case date variable', async () => {
    const m = await ok(
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:userTask id="X" lexflow:duePeriod="civil.appeal_judgment" lexflow:dueFrom="variable" lexflow:dueVariable="judgmentServedAt"/><bpmn:endEvent id="E"/>${chain('S', 'X', 'E')}`,
        'lexflow:variables="judgmentServedAt:date"',
      ),
    );
    expect(m.nodes.X).toMatchObject({
      due: { kind: 'statutory', period: 'civil.appeal_judgment', from: 'variable', variable: 'judgmentServedAt' },
    });
  });

  it.each([
    ['lexflow:action="billingEvent" lexflow:amountFen="1500000"', { action: 'billingEvent', amountFen: 1500000, label: '服务' }],
    [
      'lexflow:action="billingEvent" lexflow:percent="30" lexflow:billingLabel="立案费"',
      { action: 'billingEvent', percent: 30, label: '立案费' },
    ],
    [
      'lexflow:action="email" lexflow:emailTo="client" lexflow:emailTemplate="caseOpened"',
      { action: 'email', to: 'client', template: 'caseOpened' },
    ],
    ['lexflow:action="generateDocument" lexflow:documentTemplate="complaint"', { action: 'generateDocument', template: 'complaint' }],
    [
      'lexflow:action="generateDocument" lexflow:documentTemplate="power-of-attorney" lexflow:reviewTask="true"',
      { action: 'generateDocument', template: 'power-of-attorney', review: true },
    ],
    ['lexflow:action="setStatus" lexflow:status="suspended"', { action: 'setStatus', status: 'suspended' }],
  ])('service task %s', async (attrs, expected) => {
    expect((await ok(service(attrs))).nodes.X).toMatchObject({ type: 'serviceTask', service: expected });
  });

  it('stages (sub-processes) with their own start, ordered as met, and boundary timers on stages and tasks', async () => {
    const m = await ok(
      bpmn(
        `<bpmn:startEvent id="S"/>
        <bpmn:subProcess id="A" name="立案" lexflow:nameEn="Filing"><bpmn:startEvent id="As"/><bpmn:userTask id="T"/><bpmn:endEvent id="Ae"/>${chain('As', 'T', 'Ae')}
          <bpmn:boundaryEvent id="BT" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDate>\${hearingAt}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="E3"/>${chain('BT', 'E3')}</bpmn:subProcess>
        <bpmn:subProcess id="B" name="庭审"><bpmn:startEvent id="Bs"/><bpmn:endEvent id="Be" /><bpmn:sequenceFlow id="bf" sourceRef="Bs" targetRef="Be"/></bpmn:subProcess>
        <bpmn:boundaryEvent id="BA" attachedToRef="A" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P6M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:endEvent id="E"/><bpmn:endEvent id="E2"/>
        <bpmn:textAnnotation id="Note"><bpmn:text>说明</bpmn:text></bpmn:textAnnotation>
        ${chain('S', 'A', 'B', 'E')}${chain('BA', 'E2')}`,
        'lexflow:variables="hearingAt:date" lexflow:practiceArea="civil" lexflow:caseTypes="first_instance, retrial" lexflow:nameEn="Civil"',
      ),
    );
    expect(m.stages).toEqual(['A', 'B']);
    expect(m.nodes.A).toMatchObject({ type: 'stage', start: 'As', boundary: ['BA'], nameEn: 'Filing' });
    expect(m.nodes.BA).toMatchObject({
      type: 'boundaryTimer',
      attachedTo: 'A',
      interrupting: false,
      timer: { kind: 'duration', duration: 'P6M' },
    });
    expect(m.nodes.BT).toMatchObject({ interrupting: true, timer: { kind: 'variable', variable: 'hearingAt' } });
    expect(m.nodes.T).toMatchObject({ scope: 'A', boundary: ['BT'] });
    expect(m.nodes.BT).toMatchObject({ scope: 'A' });
    expect(m).toMatchObject({ practiceArea: 'civil', caseTypes: ['first_instance', 'retrial'], nameEn: 'Civil' });
  });

  it('exclusive gateways with conditions and a default; parallel fork and join; terminate end', async () => {
    const out = outputs('<lexflow:output name="amount" type="number"/>');
    const m = await ok(
      bpmn(`<bpmn:startEvent id="S"/><bpmn:userTask id="T">${out}</bpmn:userTask><bpmn:exclusiveGateway id="G" default="low"/>
        <bpmn:parallelGateway id="F"/><bpmn:userTask id="A"/><bpmn:userTask id="B"/><bpmn:parallelGateway id="J"/>
        <bpmn:endEvent id="E"><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:endEvent id="E2"/>
        ${chain('S', 'T', 'G')}
        <bpmn:sequenceFlow id="high" sourceRef="G" targetRef="F"><bpmn:conditionExpression>amount &gt;= 1000000 &amp;&amp; practiceArea == "civil"</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="low" sourceRef="G" targetRef="E2"/>
        ${chain('F', 'A', 'J')}${chain('F', 'B', 'J')}${chain('J', 'E')}`),
    );
    expect(m.nodes.G).toMatchObject({ type: 'exclusiveGateway', default: 'low' });
    expect(m.flows.high.condition?.text).toBe('amount >= 1000000 && practiceArea == "civil"');
    expect(m.nodes.J).toMatchObject({ type: 'parallelGateway', incoming: ['f_A_J', 'f_B_J'] });
    expect(m.nodes.E).toMatchObject({ terminate: true });
  });

  it('timer and message catch events', async () => {
    expect((await ok(timer('<bpmn:timeDuration>P30D</bpmn:timeDuration>'))).nodes.X).toMatchObject({
      type: 'timerCatch',
      timer: { kind: 'duration', duration: 'P30D' },
    });
    expect((await ok(timer('<bpmn:timeDate>2027-01-15T09:00:00+08:00</bpmn:timeDate>'))).nodes.X).toMatchObject({
      timer: { kind: 'date', date: '2027-01-15T09:00:00+08:00' },
    });
    const msg = await ok(
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:intermediateCatchEvent id="X"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent><bpmn:endEvent id="E"/>${chain('S', 'X', 'E')}`,
        '',
        '<bpmn:message id="M" name="judgmentServed"/>',
      ),
    );
    expect(msg.nodes.X).toMatchObject({ type: 'messageCatch', message: 'judgmentServed' });
    expect(msg.messages).toEqual(['judgmentServed']);
    expect(msg.variables.judgmentServedAt).toBe('date');
  });
});

describe('compile: every error names its element', () => {
  it.each<[string, string, Array<[string, string]>]>([
    ['malformed XML', '<bpmn:definitions', [['', 'xml-malformed']]],
    ['an empty document', '   ', [['', 'xml-empty']]],
    ['XML that is not BPMN', '<?xml version="1.0"?><html><body/></html>', [['', 'xml-malformed']]],
    ['no process', bpmn('').replace(/<bpmn:process[\s\S]*<\/bpmn:process>/, ''), [['', 'process-count']]],
    [
      'a script task',
      around('<bpmn:scriptTask id="X"/>'),
      [
        ['X', 'unsupported-element'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a call activity',
      around('<bpmn:callActivity id="X"/>'),
      [
        ['X', 'unsupported-element'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'an inclusive gateway',
      around('<bpmn:inclusiveGateway id="X"/>'),
      [
        ['X', 'unsupported-element'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a message start event',
      bpmn(`<bpmn:startEvent id="S"><bpmn:messageEventDefinition/></bpmn:startEvent><bpmn:endEvent id="E"/>${chain('S', 'E')}`),
      [['S', 'unsupported-event']],
    ],
    [
      'an error end event',
      bpmn(`<bpmn:startEvent id="S"/><bpmn:endEvent id="E"><bpmn:errorEventDefinition/></bpmn:endEvent>${chain('S', 'E')}`),
      [['E', 'unsupported-event']],
    ],
    [
      'two start events',
      bpmn(`<bpmn:startEvent id="S"/><bpmn:startEvent id="S2"/><bpmn:endEvent id="E"/>${chain('S', 'E')}${chain('S2', 'E')}`),
      [['', 'process-start']],
    ],
    [
      'lanes',
      bpmn(`<bpmn:laneSet id="LS"><bpmn:lane id="L1"/></bpmn:laneSet><bpmn:startEvent id="S"/><bpmn:endEvent id="E"/>${chain('S', 'E')}`),
      [['L1', 'unsupported-element']],
    ],
    [
      'a nested stage',
      around(
        `<bpmn:subProcess id="X"><bpmn:startEvent id="Xs"/><bpmn:subProcess id="Y"><bpmn:startEvent id="Ys"/><bpmn:endEvent id="Ye"/>${chain('Ys', 'Ye')}</bpmn:subProcess><bpmn:endEvent id="Xe"/>${chain('Xs', 'Y', 'Xe')}</bpmn:subProcess>`,
      ),
      [['Y', 'nested-stage']],
    ],
    [
      'a stage without a start',
      around('<bpmn:subProcess id="X"><bpmn:userTask id="T"/></bpmn:subProcess>'),
      [
        ['X', 'stage-start'],
        ['T', 'no-incoming'],
        ['T', 'no-outgoing'],
      ],
    ],
    ['a multi-instance task', task('', '<bpmn:multiInstanceLoopCharacteristics/>'), [['X', 'unsupported-loop']]],
    ['an unknown assignee role', task('lexflow:assigneeRole="intern"'), [['X', 'bad-attribute']]],
    ['an unknown task kind', task('lexflow:taskKind="party"'), [['X', 'bad-attribute']]],
    ['a required flag that is not boolean', task('lexflow:required="yes"'), [['X', 'bad-attribute']]],
    ['a malformed due duration', task('lexflow:due="15 days"'), [['X', 'bad-duration']]],
    ['a mixed due duration', task('lexflow:due="P1M15D"'), [['X', 'bad-duration']]],
    ['working days counted in months', task('lexflow:due="P1M" lexflow:dueCalendar="workdays"'), [['X', 'bad-duration']]],
    ['both a duration and a statutory period', task('lexflow:due="P15D" lexflow:duePeriod="civil.answer"'), [['X', 'bad-attribute']]],
    ['an unknown statutory period', task('lexflow:duePeriod="civil.nothing"'), [['X', 'unknown-period']]],
    ['stageStart outside a stage', task('lexflow:due="P5D" lexflow:dueFrom="stageStart"'), [['X', 'bad-attribute']]],
    ['dueFrom variable without the variable', task('lexflow:due="P5D" lexflow:dueFrom="variable"'), [['X', 'bad-attribute']]],
    [
      'a due variable nothing provides',
      task('lexflow:due="P5D" lexflow:dueFrom="variable" lexflow:dueVariable="servedAt"'),
      [['X', 'unknown-variable']],
    ],
    [
      'a due variable that is not a date',
      task('lexflow:due="P5D" lexflow:dueFrom="variable" lexflow:dueVariable="priority"'),
      [['X', 'variable-type']],
    ],
    ['a due attribute without a due rule', task('lexflow:dueCalendar="workdays"'), [['X', 'bad-attribute']]],
    ['a reminder in months', task('lexflow:due="P15D" lexflow:reminders="P1M"'), [['X', 'bad-duration']]],
    ['reminders without a due rule', task('lexflow:reminders="P1D"'), [['X', 'bad-attribute']]],
    ['half an escalation', task('lexflow:due="P15D" lexflow:escalateAfter="P1D"'), [['X', 'bad-attribute']]],
    [
      'an escalation to an unknown role',
      task('lexflow:due="P15D" lexflow:escalateAfter="P1D" lexflow:escalateTo="boss"'),
      [['X', 'bad-attribute']],
    ],
    ['an output with a bad name', task('', outputs('<lexflow:output name="2nd date" type="date"/>')), [['X', 'bad-output']]],
    [
      'an output declared twice',
      task('', outputs('<lexflow:output name="a" type="date"/>', '<lexflow:output name="a" type="date"/>')),
      [['X', 'bad-output']],
    ],
    ['an output of an unknown type', task('', outputs('<lexflow:output name="a" type="money"/>')), [['X', 'bad-attribute']]],
    ['a choice without options', task('', outputs('<lexflow:output name="a" type="choice"/>')), [['X', 'bad-output']]],
    [
      'a service task without an action',
      service(''),
      [
        ['X', 'missing-action'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'an unknown action',
      service('lexflow:action="fax"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a billing event with amount and percent',
      service('lexflow:action="billingEvent" lexflow:amountFen="100" lexflow:percent="5"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a billing amount in yuan with decimals',
      service('lexflow:action="billingEvent" lexflow:amountFen="100.50"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a percentage above 100',
      service('lexflow:action="billingEvent" lexflow:percent="120"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a mail to nobody',
      service('lexflow:action="email" lexflow:emailTemplate="x"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a document without its template',
      service('lexflow:action="generateDocument"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'an unknown case status',
      service('lexflow:action="setStatus" lexflow:status="won"'),
      [
        ['X', 'bad-attribute'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'an attribute of another action',
      service('lexflow:action="setStatus" lexflow:status="closed" lexflow:amountFen="5"'),
      [['X', 'bad-attribute']],
    ],
    [
      'a repeating timer',
      timer('<bpmn:timeCycle>R3/P1D</bpmn:timeCycle>'),
      [
        ['X', 'unsupported-timer'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a timer with neither duration nor date',
      timer(''),
      [
        ['X', 'bad-timer'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a timer duration that is not ISO-8601',
      timer('<bpmn:timeDuration>30 days</bpmn:timeDuration>'),
      [
        ['X', 'bad-duration'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a timer date that is not a date',
      timer('<bpmn:timeDate>next monday</bpmn:timeDate>'),
      [
        ['X', 'bad-timer'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a message catch without a named message',
      around('<bpmn:intermediateCatchEvent id="X"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>'),
      [
        ['X', 'bad-message'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a signal catch',
      around('<bpmn:intermediateCatchEvent id="X"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>'),
      [
        ['X', 'unsupported-event'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a throw event',
      around('<bpmn:intermediateThrowEvent id="X"/>'),
      [
        ['X', 'unsupported-element'],
        ['S', 'no-outgoing'],
        ['E', 'no-incoming'],
      ],
    ],
    [
      'a message boundary event',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:userTask id="T"/><bpmn:endEvent id="E"/><bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:messageEventDefinition/></bpmn:boundaryEvent>${chain('S', 'T', 'E')}`,
      ),
      [['B', 'unsupported-event']],
    ],
    [
      "a boundary event outside its task's stage",
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:subProcess id="A"><bpmn:startEvent id="As"/><bpmn:userTask id="T"/><bpmn:endEvent id="Ae"/>${chain('As', 'T', 'Ae')}</bpmn:subProcess><bpmn:endEvent id="E"/><bpmn:boundaryEvent id="B" attachedToRef="T"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="E2"/>${chain('S', 'A', 'E')}${chain('B', 'E2')}`,
      ),
      [['B', 'bad-boundary']],
    ],
    [
      'a timer boundary on a gateway',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G"/><bpmn:endEvent id="E"/><bpmn:boundaryEvent id="B" attachedToRef="G"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:endEvent id="E2"/>${chain('S', 'G', 'E')}${chain('B', 'E2')}`,
      ),
      [['B', 'bad-boundary']],
    ],
    [
      'a task nothing leads to',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:userTask id="T"/><bpmn:userTask id="Lost"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'E')}${chain('Lost', 'E')}`,
      ),
      [
        ['Lost', 'no-incoming'],
        ['Lost', 'unreachable'],
      ],
    ],
    ['a dead end', bpmn(`<bpmn:startEvent id="S"/><bpmn:userTask id="T"/>${chain('S', 'T')}`), [['T', 'no-outgoing']]],
    [
      'a flow into the start',
      bpmn(`<bpmn:startEvent id="S"/><bpmn:userTask id="T"/><bpmn:endEvent id="E"/>${chain('S', 'T', 'S')}${chain('T', 'E')}`),
      [['S', 'bad-flow']],
    ],
    [
      'a condition on a task flow',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:userTask id="T"/><bpmn:endEvent id="E"/>${chain('S', 'T')}<bpmn:sequenceFlow id="c" sourceRef="T" targetRef="E"><bpmn:conditionExpression>true</bpmn:conditionExpression></bpmn:sequenceFlow>`,
      ),
      [['c', 'bad-condition']],
    ],
    [
      'a decision flow without a condition',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G"/><bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/>${chain('S', 'G', 'E1')}${chain('G', 'E2')}`,
      ),
      [
        ['f_G_E1', 'missing-condition'],
        ['f_G_E2', 'missing-condition'],
      ],
    ],
    [
      'a condition that does not parse',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G" default="d"/><bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/>${chain('S', 'G')}<bpmn:sequenceFlow id="c" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>amount &gt;&gt; 3</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="d" sourceRef="G" targetRef="E2"/>`,
      ),
      [
        ['c', 'bad-condition'],
        ['c', 'missing-condition'],
      ],
    ],
    [
      'a condition on a variable nobody sets',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:exclusiveGateway id="G" default="d"/><bpmn:endEvent id="E1"/><bpmn:endEvent id="E2"/>${chain('S', 'G')}<bpmn:sequenceFlow id="c" sourceRef="G" targetRef="E1"><bpmn:conditionExpression>apeal == true</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="d" sourceRef="G" targetRef="E2"/>`,
      ),
      [['c', 'unknown-variable']],
    ],
    [
      'a flow across a stage boundary',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:subProcess id="A"><bpmn:startEvent id="As"/><bpmn:userTask id="T"/><bpmn:endEvent id="Ae"/>${chain('As', 'T', 'Ae')}</bpmn:subProcess><bpmn:endEvent id="E"/>${chain('S', 'A', 'E')}${chain('T', 'E')}`,
      ),
      [['f_T_E', 'bad-flow']],
    ],
    ['a foreign attribute', around('<bpmn:userTask id="X" camunda:assignee="demo"/>'), [['X', 'unsupported-attribute']]],
    [
      'a foreign extension element',
      task('', '<bpmn:extensionElements><camunda:inputOutput/></bpmn:extensionElements>'),
      [['X', 'unsupported-extension']],
    ],
    ['a variable with two types', task('', outputs('<lexflow:output name="priority" type="number"/>')), [['X', 'variable-type']]],
    [
      'an unknown practice area',
      bpmn(`<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/>${chain('S', 'E')}`, 'lexflow:practiceArea="tax"'),
      [['P', 'bad-attribute']],
    ],
    [
      'a case type the matching cannot hold',
      bpmn(
        `<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/>${chain('S', 'E')}`,
        'lexflow:practiceArea="civil" lexflow:caseTypes="retrial, First Instance"',
      ),
      [['P', 'bad-attribute']],
    ],
    [
      'a malformed variable declaration',
      bpmn(`<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/>${chain('S', 'E')}`, 'lexflow:variables="servedAt"'),
      [['P', 'bad-attribute']],
    ],
    ['a data object', around('<bpmn:userTask id="X"/><bpmn:dataObject id="D"/>'), [['D', 'unsupported-element']]],
  ])('%s', async (_name, xml, expected) => {
    const errors = await errorsOf(xml);
    expect(errors).toEqual(expect.arrayContaining(expected));
    expect(errors.length).toBeGreaterThanOrEqual(expected.length);
    for (const [id] of errors) expect(typeof id).toBe('string');
  });

  it('a collaboration (pools) is refused, naming it', async () => {
    const xml = bpmn(
      `<bpmn:startEvent id="S"/><bpmn:endEvent id="E"/>${chain('S', 'E')}`,
      '',
      '<bpmn:collaboration id="Collab"><bpmn:participant id="Pool" processRef="P"/></bpmn:collaboration>',
    );
    expect(await errorsOf(xml)).toEqual([['Collab', 'unsupported-element']]);
  });

  it('never throws, whatever it is given', async () => {
    for (const junk of [
      '',
      '<',
      '<?xml version="1.0"?>',
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
      'x'.repeat(100_000),
      '\u0000\u0001',
      '<a><b></a>',
    ]) {
      const r = await compile(junk);
      expect(r.model).toBeUndefined();
      expect(r.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('compile: how the client portal shows a stage', () => {
  const stage = (attrs: string) =>
    bpmn(
      `<bpmn:startEvent id="S"/><bpmn:subProcess id="A" name="立案" ${attrs}><bpmn:startEvent id="As"/><bpmn:endEvent id="Ae"/>${chain('As', 'Ae')}</bpmn:subProcess><bpmn:endEvent id="E"/>${chain('S', 'A', 'E')}`,
    );

  it('a stage with a client label is shown under it, with its English and descriptions, and may notify the client', async () => {
    const m = await ok(
      stage(
        'lexflow:clientLabel=" 法院立案 " lexflow:clientLabelEn="Filed with the court" lexflow:clientDescription="法院审查起诉材料" lexflow:clientDescriptionEn="The court reviews the claim" lexflow:notifyClient="true"',
      ),
    );
    expect(m.nodes.A).toMatchObject({
      type: 'stage',
      client: {
        label: '法院立案',
        labelEn: 'Filed with the court',
        description: '法院审查起诉材料',
        descriptionEn: 'The court reviews the claim',
        notify: true,
      },
    });
    expect((await ok(stage('lexflow:clientLabel="开庭审理"'))).nodes.A).toMatchObject({ client: { label: '开庭审理', notify: false } });
  });

  it('a stage without a client label is not shown (no client attributes in the model)', async () => {
    const m = await ok(stage(''));
    expect(m.nodes.A).not.toHaveProperty('client');
    expect(await ok(stage('lexflow:notifyClient="false"'))).toEqual(m);
  });

  it.each<[string, string, RegExp]>([
    ['notifyClient without a client label', 'lexflow:notifyClient="true"', /notifyClient needs lexflow:clientLabel/],
    ['an English label alone', 'lexflow:clientLabelEn="Trial"', /clientLabelEn needs lexflow:clientLabel/],
    ['a description alone', 'lexflow:clientDescription="说明"', /clientDescription needs lexflow:clientLabel/],
    ['notifyClient that is not a boolean', 'lexflow:clientLabel="开庭" lexflow:notifyClient="yes"', /notifyClient must be true or false/],
    ['a label over 60 characters', `lexflow:clientLabel="${'长'.repeat(61)}"`, /clientLabel has 61 characters; at most 60/],
    [
      'a description over 500 characters',
      `lexflow:clientLabel="开庭" lexflow:clientDescriptionEn="${'x'.repeat(501)}"`,
      /clientDescriptionEn has 501 characters; at most 500/,
    ],
  ])('%s is an error naming the stage', async (_what, attrs, message) => {
    const r = await compile(stage(attrs));
    expect(r.model).toBeUndefined();
    expect(r.errors).toEqual([{ elementId: 'A', code: 'bad-attribute', message: expect.stringMatching(message) }]);
  });

  it('client attributes belong to stages only', async () => {
    expect(await errorsOf(task('lexflow:clientLabel="任务"'))).toContainEqual(['X', 'unsupported-attribute']);
    expect((await compile(task('lexflow:clientLabel="任务"'))).model).toBeUndefined();
  });
});
