// The supervisors' dashboard: a tile per queue, fed by the tenant's event stream
// (GET /v1/tenants/{tenant}/stream, a `snapshot` event on every change). No library.
"use strict";

const tenant = new URLSearchParams(location.search).get("tenant") || "acme";
const WARN_BELOW_TARGET = 0.05; // amber: under target by less than the alerts' margin
const TRAILING_MINUTES = 15; // the chart's service-level line
const SVG = "http://www.w3.org/2000/svg";
const ALERTS = {
  service_level_below_target: "service level below target",
  abandon_rate_above_target: "abandon rate above target",
  longest_wait_above_limit: "wait above limit",
};
let latest = null;

const $ = (root, selector) => root.querySelector(selector);
const figure = (root, name) => $(root, `[data-figure="${name}"]`);
const percent = (ratio, digits = 0) =>
  ratio == null ? "–" : `${(ratio * 100).toFixed(digits)}%`;

function duration(seconds) {
  if (seconds == null) return "–";
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function slStatus(sl, target) {
  if (sl == null) return "none";
  if (sl >= target) return "good";
  return sl >= target - WARN_BELOW_TARGET ? "warn" : "bad";
}

function agentsText(live) {
  const states = Object.entries(live.agents_by_state);
  if (!states.length) return "no agent logged in";
  const reasons = { BREAK: live.breaks_by_reason, NOT_READY: live.not_ready_by_reason };
  return states
    .map(([state, count]) => {
      const why = Object.entries(reasons[state] || {}).map(([r, n]) => `${r} ${n}`);
      const label = state.toLowerCase().replace("_", " ");
      return `<b>${count}</b> ${label}${why.length ? ` (${why.join(", ")})` : ""}`;
    })
    .join(" · ");
}

function tileFor(queueId) {
  const tiles = document.getElementById("tiles");
  let tile = $(tiles, `[data-queue="${CSS.escape(queueId)}"]`);
  if (!tile) {
    tile = document.getElementById("tile").content.firstElementChild.cloneNode(true);
    tile.dataset.queue = queueId;
    $(tile, "h2").textContent = queueId;
    tiles.append(tile);
  }
  return tile;
}

function svg(name, attributes) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function drawChart(chart, series, target) {
  const peak = Math.max(1, ...series.map((p) => p.offered));
  const step = 300 / series.length;
  const nodes = [];
  const line = [];
  series.forEach((point, i) => {
    const bar = (value, base, name) =>
      svg("rect", {
        class: name, x: i * step + 0.5, width: step - 1,
        y: 90 - ((base + value) / peak) * 80, height: (value / peak) * 80,
      });
    nodes.push(bar(point.offered, 0, "offered"));
    nodes.push(bar(point.answered, 0, "answered"));
    nodes.push(bar(point.abandoned, point.answered, "abandoned"));
    const recent = series.slice(Math.max(0, i - TRAILING_MINUTES + 1), i + 1);
    const within = recent.reduce((sum, p) => sum + p.answered_within_t, 0);
    const counted = recent.reduce((sum, p) => sum + p.offered - p.short_abandoned, 0);
    if (counted) {
      const [x, y] = [i * step + step / 2, 90 - (within / counted) * 88];
      line.push(`${line.length ? "L" : "M"}${x},${y}`);
    }
  });
  const y = 90 - target * 88;
  nodes.push(svg("line", { class: "target", x1: 0, x2: 300, y1: y, y2: y }));
  if (line.length) nodes.push(svg("path", { class: "sl", d: line.join(" ") }));
  chart.replaceChildren(...nodes);
}

function renderQueue(queue, window) {
  const tile = tileFor(queue.queue_id);
  const figures = queue.windows[window];
  const sl = figures.service_level.standard;
  const target = queue.targets.service_level_target;
  tile.dataset.status = slStatus(sl, target);
  figure(tile, "sl").textContent = percent(sl);
  $(tile, ".target").textContent =
    `target ${percent(target)} in ${queue.targets.service_level_threshold_s} s`;
  figure(tile, "asa").textContent = duration(figures.measures.asa_s);
  figure(tile, "ar").textContent = percent(figures.measures.abandon_rate, 1);
  figure(tile, "waiting").textContent = queue.live.calls_waiting;
  figure(tile, "longest").textContent = duration(queue.live.longest_wait_s);
  figure(tile, "offered").textContent = figures.counts.offered;
  figure(tile, "answered").textContent = figures.counts.answered;
  figure(tile, "agents").innerHTML = agentsText(queue.live);
  $(tile, ".alerts").innerHTML = queue.alerts
    .map((kind) => `<span data-alert="${kind}">${ALERTS[kind] || kind}</span>`)
    .join("");
  drawChart($(tile, ".chart"), queue.series, target);
}

function render(snapshot) {
  latest = snapshot;
  const window = document.getElementById("window").value;
  const summary = document.getElementById("summary");
  figure(summary, "ivr").textContent = snapshot.ivr.calls_in_ivr;
  figure(summary, "waiting").textContent = snapshot.tenant.live.calls_waiting;
  figure(summary, "agents").innerHTML = agentsText(snapshot.tenant.live);
  figure(summary, "sl").textContent = percent(snapshot.tenant.windows[window].service_level.standard);
  figure(summary, "updated").textContent = new Date(snapshot.at_ms).toLocaleTimeString();
  snapshot.queues.forEach((queue) => renderQueue(queue, window));
}

function connect() {
  const status = document.getElementById("status");
  const source = new EventSource(`/v1/tenants/${encodeURIComponent(tenant)}/stream`);
  source.addEventListener("snapshot", (event) => render(JSON.parse(event.data)));
  source.onopen = () => {
    status.textContent = "live";
    status.dataset.state = "live";
  };
  source.onerror = () => {
    status.textContent = "reconnecting…"; // EventSource retries by itself
    status.dataset.state = "lost";
  };
}

document.getElementById("tenant").textContent = tenant;
document.getElementById("window").addEventListener("change", () => latest && render(latest));
connect();
