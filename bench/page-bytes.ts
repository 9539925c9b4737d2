// JavaScript bytes each page loads (issue 8: lighter pages). Starts the real platform on a temp data
// directory, opens each page in Chromium (signed in as the office where needed), waits for the page
// to settle, and sums the sizes of the .js responses (bytes on the wire as served, uncompressed here:
// the server sends them as built). Prints one line per page and a JSON summary.
//   npx tsx bench/page-bytes.ts
import { launchChromium } from '../e2e/helpers/browser';
import { startPlatform } from '../e2e/helpers/server';
import { ensureWebBuilt } from '../e2e/helpers/web-build';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/org/seed-data/demo';

const PAGES: { name: string; path: string; signedIn: boolean; ready: string }[] = [
  { name: '登录页 /login', path: '/login', signedIn: false, ready: 'text=登录' },
  { name: '公开页 /public', path: '/public', signedIn: false, ready: '[data-testid="public-plan"]' },
  { name: '计划列表 /plans', path: '/plans', signedIn: true, ready: 'text=行动计划' },
  { name: '驾驶舱 /dashboard', path: '/dashboard', signedIn: true, ready: 'canvas' },
];

async function main() {
  ensureWebBuilt();
  const platform = await startPlatform();
  const browser = await launchChromium();
  const out: Record<string, { files: number; bytes: number }> = {};
  try {
    const office = DEMO_ACCOUNTS.find((a) => a.role === 'office')!;
    for (const p of PAGES) {
      const context = await browser.newContext();
      if (p.signedIn) {
        const res = await context.request.post(`${platform.url}/api/auth/login`, { data: { username: office.username, password: DEMO_PASSWORD } });
        if (!res.ok()) throw new Error(`登录失败 ${res.status()}`);
      }
      const page = await context.newPage();
      const sizes = new Map<string, number>();
      page.on('response', async (r) => {
        if (!r.url().endsWith('.js')) return;
        try {
          sizes.set(r.url(), (await r.body()).length);
        } catch {
          /* navigation away */
        }
      });
      await page.goto(`${platform.url}${p.path}`);
      await page.locator(p.ready).first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
      out[p.name] = { files: sizes.size, bytes };
      console.log(`${p.name}\t${sizes.size} 个 JS 文件\t${(bytes / 1024).toFixed(0)} KiB`);
      await context.close();
    }
  } finally {
    await browser.close();
    await platform.stop();
  }
  console.log(JSON.stringify(out));
}

void main();
