import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** The folder screenshots go to while someone works on the look (SHOTS=dir); tests write no pictures without it. */
export const SHOTS = process.env.SHOTS !== undefined && process.env.SHOTS !== '' ? process.env.SHOTS : undefined;

/** Saves a screenshot of the page, or of one element, as SHOTS/name.png when SHOTS is set; otherwise does nothing. */
export async function shot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (SHOTS === undefined) return;
  const path = join(SHOTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, ...options });
  else await target.screenshot({ path });
}

/** Waits until the page has drawn `count` more frames: what a running loop would have shown by then, it has. */
export async function afterFrames(page: Page, count: number): Promise<void> {
  await page.evaluate((n) => new Promise<void>((resolve) => {
    let drawn = 0;
    const tick = (): void => {
      drawn++;
      if (drawn >= n) resolve();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), count);
}
