import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
async function as(who, fn) {
  const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
  p.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  await p.goto('http://localhost:3000/login');
  await p.fill('[data-test=email] input', `${who}@demo.lexflow`);
  await p.fill('[data-test=password] input', 'lexflow-demo');
  await p.click('[data-test=submit]');
  await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  await fn(p, async (name) => { await p.waitForTimeout(1200); await p.screenshot({ path: `/tmp/shots/${who}-${name}.png`, fullPage: name.includes('full') }); });
  await p.close();
}
await as('li.ming', async (p, shot) => {
  await p.goto('http://localhost:3000/calendar'); await shot('cal2-month');
  await p.click('[data-test=cal-view-week]'); await p.click('[data-test=cal-next]'); await shot('cal2-week');
  await p.goto('http://localhost:3000/cases'); await p.waitForTimeout(1500);
  await p.locator('[data-test=cases-table] tbody tr').first().click(); await p.waitForTimeout(1500);
  await p.getByRole('tab').nth(1).click(); await shot('case-tasks');
});
await as('admin', async (p, shot) => { await p.goto('http://localhost:3000/admin'); await p.locator('[data-test=outbox]').scrollIntoViewIfNeeded(); await shot('outbox'); });
await as('partner', async (p, shot) => { await p.goto('http://localhost:3000/tasks?scope=team'); await shot('tasks-team-load'); });
await b.close();
