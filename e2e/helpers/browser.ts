// Debian's Chromium driven by playwright-core (playwright's own browser download does not work here).
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_MISSING_MESSAGE =
  `浏览器测试已跳过：未找到 Chromium（${CHROMIUM_PATH}）。` +
  `Install it with: apt-get install -y chromium fonts-noto-cjk (browser tests need /usr/bin/chromium).`;

export function hasChromium(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  // playwright gives each launch a fresh temporary profile.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
