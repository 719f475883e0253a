// Usage: node dashboard.mjs DASHBOARD_URL SCREENSHOT_PATH [SECONDS] [ACTIVE_ORCHESTRATORS]
// Opens the devnet dashboard in Debian's headless Chromium and waits until: the player's currentTime advances, more than
// one rendition is offered, ACTIVE_ORCHESTRATORS (default three) orchestrators are active, and a round passes with rewards. Saves a screenshot and prints
// a JSON report (exit 0), or prints what was missing (exit 1).
import { chromium } from 'playwright-core';

const [url, screenshot, seconds = '150', active = '3'] = process.argv.slice(2);
if (!url || !screenshot) { console.error('usage: node dashboard.mjs URL SCREENSHOT [SECONDS]'); process.exit(2); }
const limitMs = Number(seconds) * 1000;
const watchdog = setTimeout(() => { console.error('dashboard test timed out'); process.exit(3); }, limitMs + 30_000);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
const report = { playing: false, renditions: 0, activeOrchestrators: 0, firstRound: null, lastRound: null, rewarded: false, verification: '', times: [] };
let code = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
  page.on('pageerror', e => console.error('[pageerror]', e.message));
  await page.goto(url);
  const deadline = Date.now() + limitMs;
  let lastTime = -1;
  while (Date.now() < deadline) {
    const s = await page.evaluate(async () => {
      const player = window.livepeerPlayer?.status();
      const status = await (await fetch('api/status', { cache: 'no-store' })).json();
      const verification = document.getElementById('verification-summary')?.textContent ?? '';
      return { player, status, verification };
    });
    if (s.player) {
      report.renditions = Math.max(report.renditions, s.player.levels);
      if (s.player.currentTime > 0 && lastTime >= 0 && s.player.currentTime > lastTime) report.playing = true;
      lastTime = s.player.currentTime;
      report.times.push(Number(s.player.currentTime.toFixed(2)));
    }
    report.verification = s.verification;
    const orchestrators = s.status.orchestrators ?? [];
    report.activeOrchestrators = orchestrators.filter(o => o.active).length;
    const round = s.status.chain?.round ?? null;
    if (report.firstRound === null && round !== null) report.firstRound = round;
    report.lastRound = round;
    report.rewarded = orchestrators.some(o => o.lastRewardRound > 0 && o.lastRewardRound > report.firstRound);
    if (report.playing && report.renditions > 1 && report.activeOrchestrators >= Number(active) && report.lastRound > report.firstRound && report.rewarded) {
      code = 0;
      break;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await page.screenshot({ path: screenshot });
} catch (e) {
  console.error(String(e && e.message || e));
} finally {
  await browser.close();
  clearTimeout(watchdog);
}
console.log(JSON.stringify(report));
process.exit(code);
