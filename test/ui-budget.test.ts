import { ensureUiBuilt, uiDistDir } from '../cli/runtime/ui-build';
import { FIRST_SCREEN_JS_BUDGET, FIRST_SCREENS, screenJs } from '../cli/runtime/ui-budget';

/**
 * Issue 19 item 3: the login page and the first screen after sign-in (the dashboard) each fetch at
 * most 200 KiB of compressed JavaScript on a cold load; the designer (bpmn-js) and the charts
 * (echarts) stay out of both. Read from the real build's manifest, so a regression fails here.
 */
beforeAll(() => ensureUiBuilt(() => undefined), 180_000);

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

test.each(Object.entries(FIRST_SCREENS))('%s: at most 200 KiB of JavaScript, br and gzip', (_screen, modules) => {
  const js = screenJs(uiDistDir(), modules);
  expect({ br: kib(js.br), withinBudget: js.br <= FIRST_SCREEN_JS_BUDGET }).toEqual({ br: kib(js.br), withinBudget: true });
  expect({ gzip: kib(js.gzip), withinBudget: js.gzip <= FIRST_SCREEN_JS_BUDGET * 1.2 }).toEqual({ gzip: kib(js.gzip), withinBudget: true });
  // Every file counted has its precompressed siblings (the server sends those).
  expect(js.br).toBeLessThan(js.raw / 2.5);
});

test('the designer and the charts are not in any first screen', () => {
  const all = Object.values(FIRST_SCREENS).flatMap((m) => screenJs(uiDistDir(), m).files);
  const designer = screenJs(uiDistDir(), ['src/pages/templates/TemplateDesignerPage.vue']).files;
  const heavy = designer.filter((f) => !all.includes(f));
  expect(heavy.some((f) => /TemplateDesignerPage/.test(f))).toBe(true);
  expect(all.filter((f) => /TemplateDesignerPage|echarts|bpmn/i.test(f))).toEqual([]);
});
