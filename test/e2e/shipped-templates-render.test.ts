import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { projectRoot, shippedTemplatesDir } from '../../cli/runtime/paths';
import { launchBrowser, screenshot } from '../helpers/browser';

const files = fs
  .readdirSync(shippedTemplatesDir())
  .filter((f) => f.endsWith('.bpmn'))
  .sort();
let browser: Browser;
let server: http.Server;
let base: string;

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/bpmn/assets/bpmn-js.css"><link rel="stylesheet" href="/bpmn/assets/diagram-js.css">
<style>html,body,#canvas{margin:0;width:100%;height:100%}</style></head>
<body><div id="canvas"></div><script src="/bpmn/bpmn-viewer.production.min.js"></script></body></html>`;

beforeAll(async () => {
  const dist = path.join(projectRoot(), 'node_modules', 'bpmn-js', 'dist');
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const file = url.startsWith('/bpmn/') ? path.join(dist, url.slice(6)) : path.join(shippedTemplatesDir(), path.basename(url));
    if (!file.startsWith(dist) && !file.startsWith(shippedTemplatesDir())) return res.writeHead(404).end();
    fs.readFile(file, (err, data) => (err ? res.writeHead(404).end() : res.writeHead(200).end(data)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

describe('shipped templates in bpmn-js', () => {
  it.each(files)('%s opens with its layout, without warnings', async (file) => {
    const page = await browser.newPage({ viewport: { width: 1800, height: 900 } });
    await page.goto(base);
    const result = await page.evaluate(async (f) => {
      const xml = await (await fetch(`/${f}`)).text();
      const viewer = new (globalThis as any).BpmnJS({ container: '#canvas' });
      const { warnings } = await viewer.importXML(xml);
      viewer.get('canvas').zoom('fit-viewport');
      const registry = viewer.get('elementRegistry');
      return {
        warnings: warnings.map((w: Error) => w.message),
        shapes: registry.filter((e: any) => !e.waypoints && e.type !== 'bpmn:Process').length,
        edges: registry.filter((e: any) => e.waypoints).length,
      };
    }, file);
    expect(result.warnings).toEqual([]);
    expect(result.shapes).toBeGreaterThan(10);
    expect(result.edges).toBeGreaterThan(8);
    await screenshot(page, `template-${path.basename(file, '.bpmn')}`);
    await page.close();
  });
});
