// Draws the portal's home-screen icons (PWA) from ui/public/favicon.svg with Chromium:
// icon-192.png and icon-512.png as they are, icon-maskable-512.png with the mark inside the 80 %
// safe zone on the brand colour (a launcher may cut any shape out of it). Run after changing the
// favicon: `node ui/scripts/pwa-icons.mjs` (CHROMIUM_PATH, default /usr/bin/chromium); the PNGs are committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const pub = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');
const svg = fs.readFileSync(path.join(pub, 'favicon.svg'), 'utf8');
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const page = (size, inset, background) =>
  `<html><body style="margin:0;background:${background}"><img src="${src}" style="position:absolute;left:${inset}px;top:${inset}px;width:${size - 2 * inset}px;height:${size - 2 * inset}px"></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const [name, size, inset, background] of [
    ['icon-192.png', 192, 0, 'transparent'],
    ['icon-512.png', 512, 0, 'transparent'],
    ['icon-maskable-512.png', 512, 64, '#1f3a5f'],
  ]) {
    const p = await browser.newPage({ viewport: { width: size, height: size } });
    await p.setContent(page(size, inset, background));
    await p.locator('img').evaluate((img) => img.decode());
    await p.screenshot({ path: path.join(pub, name), omitBackground: background === 'transparent' });
    await p.close();
    console.log(`wrote ${name}`);
  }
} finally {
  await browser.close();
}
