// The dashboard: polls /api/status, renders the network's state, drives the player and the charts.
import { tokens, ppm, ppbToPercent, shortAddress, ms, percent, esc } from "./format.js";
import { LivePlayer } from "./player.js";

const $ = (id) => document.getElementById(id);
const POLL_MS = 2000;
const charts = {};
let currentStream = null;
let loadedAt = 0;

const player = new LivePlayer($("video"), {
  renditionSelect: $("rendition-select"),
  onStatus: (m) => ($("player-message").textContent = m),
});
window.livepeerPlayer = player; // the end-to-end test reads player.status()

function rows(tableId, items, render, empty) {
  const body = $(tableId).querySelector("tbody");
  body.innerHTML = items.length ? items.map(render).join("") : `<tr><td colspan="99" class="muted">${empty}</td></tr>`;
}

function renderChain(chain) {
  $("round").textContent = chain.round ?? "–";
  $("block").textContent = chain.blockNumber ?? "–";
  const progress = chain.roundLength ? ((chain.blockNumber - chain.roundStartBlock) / chain.roundLength) * 100 : 0;
  $("round-progress").style.width = Math.max(0, Math.min(100, progress)) + "%";
  $("round-lock").classList.toggle("hidden", !chain.locked);
}

function renderStreams(streams) {
  const select = $("stream-select");
  const names = streams.map((s) => s.name);
  if ([...select.options].map((o) => o.value).join() !== names.join()) {
    select.innerHTML = names.map((n) => `<option>${esc(n)}</option>`).join("");
  }
  if (!currentStream && names.length) startPlayer(names[0]);
  else if (currentStream) refreshLadder();
  rows("streams", streams, (s) => `<tr><td>${esc(s.name)}</td><td>${s.segments}</td>
      <td>${esc((s.renditions ?? []).map((r) => r.name).join(", "))}</td><td>${ms(s.lastSegmentLatencyMs)}</td></tr>`,
    "No streams yet: publish with ffmpeg or OBS to rtmp://127.0.0.1:1935/live/KEY");
}

function startPlayer(name) {
  currentStream = name;
  loadedAt = Date.now();
  const format = $("format-select").value;
  player.load(format, format === "hls" ? `hls/${encodeURIComponent(name)}/index.m3u8` : `dash/${encodeURIComponent(name)}/manifest.mpd`);
}

// A live master playlist is read once by the players, but renditions appear only after the first segments are
// transcoded: reload the player (at most every 8 s) when the stream now offers more variants than it plays.
async function refreshLadder() {
  if (Date.now() - loadedAt < 8000) return;
  const playing = player.status().levels;
  const master = await fetch(`hls/${encodeURIComponent(currentStream)}/index.m3u8`, { cache: "no-store" }).then((r) => (r.ok ? r.text() : "")).catch(() => "");
  const offered = (master.match(/#EXT-X-STREAM-INF/g) || []).length;
  if (offered > playing) startPlayer(currentStream);
  else loadedAt = Date.now();
}

function renderOrchestrators(list) {
  rows("orchestrators", list, (o) => `<tr>
      <td title="${esc(o.address)}">${shortAddress(o.address)}</td>
      <td><span class="badge ${o.suspended ? "bad" : o.active ? "ok" : "warn"}">${o.suspended ? "suspended" : o.active ? "active" : "inactive"}</span></td>
      <td>${tokens(o.stake)} LPT</td><td>${esc(o.pricePerPixel ?? "–")} wei</td><td>${ppm(o.rewardCutPpm)}</td><td>${ppm(o.feeSharePpm)}</td>
      <td>${o.segments ?? 0}</td><td>${percent(o.successRate)}</td><td>${ms(o.latencyMs)}</td>
      <td>${tokens(o.feesEarned, 6)} ETH</td><td>${o.lastRewardRound ?? "–"}</td><td>${transcoders(o.transcoders)}</td></tr>`, "No orchestrators registered.");
}

// "local", or the remote transcoder nodes registered with the orchestrator and their total capacity.
function transcoders(t) {
  if (!t) return "–";
  const remote = t.remote ?? [];
  const parts = t.local ? ["local"] : [];
  if (remote.length > 0) {
    const capacity = remote.reduce((sum, r) => sum + r.capacity, 0);
    parts.push(`${remote.length} remote (capacity ${capacity})`);
  }
  return parts.length > 0 ? parts.join(" + ") : `<span class="badge bad">none</span>`;
}

function renderDelegators(list) {
  rows("delegators", list, (d) => `<tr><td title="${esc(d.address)}">${shortAddress(d.address)}</td><td>${esc(d.status)}</td>
      <td title="${esc(d.delegate)}">${shortAddress(d.delegate)}</td><td>${tokens(d.bonded)} LPT</td>
      <td>${tokens(d.pendingStake)} LPT</td><td>${tokens(d.pendingFees, 6)} ETH</td></tr>`, "No delegators.");
}

function renderTickets(t = {}) {
  $("tickets-sent").textContent = t.sent ?? 0;
  $("tickets-won").textContent = t.won ?? 0;
  $("tickets-redeemed").textContent = t.redeemed ?? 0;
  $("fees-paid").textContent = tokens(t.feesPaid ?? "0", 6) + " ETH";
}

function renderGovernance(proposals = [], slashes = []) {
  rows("proposals", proposals, (p) => `<tr><td>${esc(p.id)}</td><td>${esc(p.description)}</td><td>${esc(p.state)}</td>
      <td>${tokens(p.for)}</td><td>${tokens(p.against)}</td><td>${tokens(p.abstain)}</td></tr>`, "No proposals.");
  rows("slashes", slashes, (s) => `<tr><td>${s.round}</td><td title="${esc(s.orchestrator)}">${shortAddress(s.orchestrator)}</td>
      <td>${esc(s.reason)}</td><td>${tokens(s.penalty)} LPT</td>
      <td title="${esc(s.finder)}">${s.finder ? shortAddress(s.finder) : "–"}</td><td>${tokens(s.finderFee)} LPT</td></tr>`, "No slashes.");
}

function renderVerification(v) {
  if (!v) {
    $("verification-summary").textContent = "This broadcaster does not verify results.";
    rows("findings", [], () => "", "–");
    return;
  }
  $("verification-summary").textContent =
    `${v.checked} results checked (signature, pixels, format), ${v.checkedPerceptually} of them also against the source.`;
  rows("findings", v.findings ?? [], (f) => `<tr><td title="${esc(f.orchestrator)}">${shortAddress(f.orchestrator)}</td>
      <td>${esc(f.kind)}</td><td>${esc(f.stream)}/${esc(f.seq)}</td><td>${esc(f.reason)}</td>
      <td>${f.kind === "failed-verification" ? `<a href="api/evidence/${esc(f.evidence)}">bundle</a>` : "–"}</td>
      <td>${f.transaction ? `reported (${esc(String(f.transaction).slice(0, 10))}…)` : f.chainError ? esc(f.chainError) : "pending"}</td></tr>`,
    "No failed checks.");
}

function chart(id, config) {
  if (!window.Chart) return null;
  if (!charts[id]) charts[id] = new Chart($(id), config);
  return charts[id];
}

function renderCharts(history = [], orchestrators = []) {
  const text = { color: "#8b949e" };
  const rates = chart("chart-rates", {
    type: "line",
    data: { labels: [], datasets: [
      { label: "inflation % / round", data: [], borderColor: "#00eb88", yAxisID: "y" },
      { label: "bonding rate %", data: [], borderColor: "#58a6ff", yAxisID: "y1" },
    ] },
    options: { animation: false, plugins: { legend: { labels: text } },
      scales: { x: { ticks: text, title: { display: true, text: "round", ...text } }, y: { ticks: text, position: "left" }, y1: { ticks: text, position: "right", min: 0, max: 100 } } },
  });
  if (rates) {
    rates.data.labels = history.map((h) => h.round);
    rates.data.datasets[0].data = history.map((h) => ppbToPercent(h.inflationPpb));
    rates.data.datasets[1].data = history.map((h) => ppbToPercent(h.bondingRatePpb));
    rates.update();
  }
  const stake = chart("chart-stake", {
    type: "bar",
    data: { labels: [], datasets: [{ label: "stake (LPT)", data: [], backgroundColor: "#00eb88" }] },
    options: { animation: false, plugins: { legend: { labels: text } }, scales: { x: { ticks: text }, y: { ticks: text } } },
  });
  if (stake) {
    stake.data.labels = orchestrators.map((o) => shortAddress(o.address));
    stake.data.datasets[0].data = orchestrators.map((o) => Number(BigInt(o.stake ?? "0") / 10n ** 15n) / 1000);
    stake.update();
  }
}

async function poll() {
  try {
    const response = await fetch("api/status", { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const s = await response.json();
    $("connection").textContent = "live";
    $("connection").className = "badge ok";
    if (s.chain) renderChain(s.chain);
    renderStreams(s.streams ?? []);
    renderOrchestrators(s.orchestrators ?? []);
    renderDelegators(s.delegators ?? []);
    renderTickets(s.tickets);
    renderGovernance(s.proposals, s.slashes);
    renderVerification(s.verification);
    renderCharts(s.history, s.orchestrators ?? []);
  } catch (e) {
    $("connection").textContent = `disconnected (${e.message})`;
    $("connection").className = "badge bad";
  }
}

function tickPlayer() {
  const st = player.status();
  $("latency").textContent = st.latencyMs === null ? "–" : ms(st.latencyMs);
  $("playing-rendition").textContent = st.rendition ?? "–";
  $("current-time").textContent = st.currentTime.toFixed(1) + " s";
}

$("stream-select").addEventListener("change", (e) => startPlayer(e.target.value));
$("format-select").addEventListener("change", () => currentStream && startPlayer(currentStream));
poll();
setInterval(poll, POLL_MS);
setInterval(tickPlayer, 500);
