// Usage: node playback.mjs PAGE_URL
// Opens the player page in Debian's headless Chromium and prints the page's JSON report (exit 0) or the error (exit 1).
import { chromium } from 'playwright-core';

const url = process.argv[2];
if (!url) { console.error('usage: node playback.mjs PAGE_URL'); process.exit(2); }
const watchdog = setTimeout(() => { console.error('playback test timed out'); process.exit(3); }, 90_000);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
let code = 0;
try {
  const page = await browser.newPage();
  page.on('pageerror', e => console.error('[pageerror]', e.message));
  await page.goto(url);
  const report = await page.evaluate(() => window.runTest());
  console.log(JSON.stringify(report));
} catch (e) {
  console.error(String(e && e.message || e));
  code = 1;
} finally {
  await browser.close();
  clearTimeout(watchdog);
}
process.exit(code);
