import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
const server = await preview({ logLevel: 'error', build: { outDir: '.e2e-dist/h9prof' }, preview: { port: 4187, host: '127.0.0.1' } });
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined, args: ['--no-sandbox', '--disable-gpu'] });
for (const scheme of ['light', 'dark'] as const) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor();
  await page.getByRole('button', { name: 'Examples', exact: true }).click();
  await page.getByRole('menuitem', { name: /gate by gate/ }).click();
  await page.waitForTimeout(800);
  await page.getByRole('button', { name: 'Run backward', exact: true }).click();
  await page.locator('[data-edge-id]').first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/h9/shot-${scheme}.png` });
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/h9/zoom-${scheme}.png`, clip: { x: 240, y: 300, width: 820, height: 420 } });
  await page.screenshot({ path: `/tmp/h9/mini-${scheme}.png`, clip: { x: 880, y: 720, width: 230, height: 180 } });
  console.log(await page.locator('.react-flow__minimap').evaluate((e) => JSON.stringify(e.getBoundingClientRect())));
  await page.close();
}
await browser.close();
server.httpServer.close();
