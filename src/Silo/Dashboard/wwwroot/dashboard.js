// The OrleansBank dashboard: renders the snapshot inlined in the page at once, then each one the silo streams
// over Server-Sent Events (GET /dashboard/events). Numbers are formatted as the command-line client prints them.
"use strict";
(function () {
  const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const $ = (id) => document.getElementById(id);

  const n = (v) => (v == null ? "-" : count.format(v));
  const rate = (v) => (v == null ? "-" : v >= 100 ? count.format(v) : oneDecimal.format(v));
  const ms = (v) => (v == null ? "-" : twoDecimals.format(v) + "\u00a0ms");
  const pct = (v) => (v == null ? "-" : oneDecimal.format(v) + " %");
  const mb = (v) => (v == null ? "-" : oneDecimal.format(v / (1024 * 1024)) + " MB");
  const age = (s) => (s == null ? "-" : s < 60 ? oneDecimal.format(s) + " s" : count.format(Math.floor(s / 60)) + " min " + count.format(Math.floor(s % 60)) + " s");
  const started = (gen) => new Date(gen).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");

  function cell(row, label, text, className) {
    const td = document.createElement("td");
    td.dataset.label = label;
    if (className) td.className = className;
    if (text instanceof Node) td.appendChild(text); else td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function renderSilos(silos) {
    const body = $("silos").tBodies[0];
    body.replaceChildren(...silos.map((s) => {
      const tr = document.createElement("tr");
      tr.className = (s.stale ? "stale " : "") + (s.status === "dead" ? "dead" : "");
      tr.dataset.silo = s.address;
      cell(tr, "Silo", s.address + (s.self ? " (this page)" : ""), "head");
      cell(tr, "Gateway", s.gateway || "-");
      const badge = document.createElement("span");
      badge.className = "status " + s.status;
      badge.textContent = s.status;
      cell(tr, "Status", badge, "status-cell");
      const gen = cell(tr, "Generation", String(s.generation));
      gen.title = "started " + started(s.generation);
      cell(tr, "Heartbeat", age(s.heartbeatAgeSeconds) + " ago", "num");
      cell(tr, "Suspicions", n(s.suspicions), "num" + (s.suspicions > 0 ? " suspected" : ""));
      cell(tr, "Activations", n(s.activations), "num n");
      cell(tr, "CPU", pct(s.cpuPercent), "num n");
      cell(tr, "Memory", mb(s.memoryBytes), "num n");
      if (s.stale && s.status !== "dead") tr.title = "no answer this second: its last numbers";
      return tr;
    }));
  }

  function renderMethods(methods) {
    const body = $("methods").tBodies[0];
    body.replaceChildren(...methods.map((m) => {
      const tr = document.createElement("tr");
      tr.dataset.method = m.type + "." + m.method;
      cell(tr, "Grain", m.type, "head");
      cell(tr, "Method", m.method);
      cell(tr, "Calls/s", rate(m.callsPerSecond), "num");
      cell(tr, "p50", ms(m.p50Ms), "num");
      cell(tr, "p99", ms(m.p99Ms), "num");
      cell(tr, "Errors/s", rate(m.errorsPerSecond), "num");
      cell(tr, "Calls", n(m.calls), "num calls");
      cell(tr, "Errors", n(m.errors), "num");
      return tr;
    }));
    $("no-methods").hidden = methods.length > 0;
  }

  const svgNs = "http://www.w3.org/2000/svg";
  function svg(name, attrs, text) {
    const el = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text != null) el.textContent = text;
    return el;
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    return [1, 2, 5, 10].map((f) => f * p).find((c) => c >= v);
  }

  function renderChart(history, windowEnd) {
    const chart = $("chart");
    const box = chart.getBoundingClientRect();
    const w = Math.max(200, Math.round(box.width)), h = Math.max(100, Math.round(box.height));
    const left = 44, right = 56, top = 8, bottom = 18;
    chart.setAttribute("viewBox", `0 0 ${w} ${h}`);
    // The chart spans the history it has, from one minute up to five, so a page opened just now is not a flat line.
    const first = history.length ? history[0].time : windowEnd;
    const span = Math.min(5 * 60 * 1000, Math.max(60 * 1000, windowEnd - first)), end = windowEnd, start = end - span;
    const pts = history.filter((p) => p.time >= start);
    const callsMax = niceMax(Math.max(0, ...pts.map((p) => p.callsPerSecond)));
    const p99Max = niceMax(Math.max(0, ...pts.map((p) => p.p99Ms || 0)));
    const x = (t) => left + (w - left - right) * (t - start) / span;
    const y = (v, max) => top + (h - top - bottom) * (1 - v / max);
    const parts = [];
    for (const f of [0, 0.5, 1]) {
      const gy = y(f * callsMax, callsMax);
      parts.push(svg("line", { class: "grid", x1: left, x2: w - right, y1: gy, y2: gy }));
      parts.push(svg("text", { x: left - 6, y: gy + 4, "text-anchor": "end" }, n(f * callsMax)));
      parts.push(svg("text", { x: w - right + 6, y: gy + 4 }, twoDecimals.format(f * p99Max) + " ms"));
    }
    const back = span / 1000;
    parts.push(svg("text", { x: left, y: h - 2 }, back >= 120 ? "-" + count.format(Math.floor(back / 60)) + " min" : "-" + count.format(back) + " s"));
    parts.push(svg("text", { x: w - right, y: h - 2, "text-anchor": "end" }, "now"));
    if (pts.length > 1) {
      const line = pts.map((p) => `${x(p.time).toFixed(1)},${y(p.callsPerSecond, callsMax).toFixed(1)}`);
      parts.push(svg("path", { class: "area", d: `M${x(pts[0].time).toFixed(1)},${y(0, callsMax)} L${line.join(" L")} L${x(pts[pts.length - 1].time).toFixed(1)},${y(0, callsMax)} Z` }));
      parts.push(svg("polyline", { class: "calls", points: line.join(" ") }));
      // A second without calls has no latency: the p99 line breaks there instead of bridging the gap.
      let run = [];
      for (const p of [...pts, { p99Ms: null }]) {
        if (p.p99Ms != null) { run.push([x(p.time).toFixed(1), y(p.p99Ms, p99Max).toFixed(1)]); continue; }
        if (run.length > 1) parts.push(svg("polyline", { class: "p99", points: run.map((q) => q.join(",")).join(" ") }));
        if (run.length === 1) parts.push(svg("circle", { class: "p99", cx: run[0][0], cy: run[0][1], r: 2.5 }));
        run = [];
      }
    }
    chart.replaceChildren(...parts);
  }

  let last = null;
  function render(s) {
    last = s;
    $("cluster").textContent = "cluster " + s.clusterId + ": " + s.silos.filter((x) => x.status === "active").length + " active of " + s.silos.length;
    $("served").textContent = "served by " + s.servedBy + ", " + new Date(s.time).toISOString().substring(11, 19) + "Z";
    const t = s.total;
    $("calls-rate").textContent = rate(t.callsPerSecond);
    $("calls-total").textContent = n(t.calls) + " calls in all";
    $("latency").textContent = t.p50Ms == null ? "-" : twoDecimals.format(t.p50Ms) + " / " + ms(t.p99Ms);
    $("window").textContent = "over the last " + oneDecimal.format(s.windowSeconds) + " s";
    $("errors-rate").textContent = rate(t.errorsPerSecond);
    $("errors-total").textContent = n(t.errors) + " errors in all";
    const st = s.storage;
    $("commits-rate").textContent = rate(st.batchesPerSecond);
    $("commits-detail").textContent = st.eventsPerBatch == null ? "no commits" : oneDecimal.format(st.eventsPerBatch) + " events each, " + twoDecimals.format(st.p50Ms) + " / " + ms(st.p99Ms);
    $("transfers").textContent = n(s.transfersPending);
    $("oldest").textContent = s.transfersPending > 0 ? "oldest " + age(s.oldestPendingSeconds) : "none pending";
    renderSilos(s.silos);
    renderMethods(s.methods);
    renderChart(s.history, s.time);
    document.body.dataset.updated = String(s.time);
  }

  const initial = document.getElementById("initial-snapshot");
  try { render(JSON.parse(initial.textContent)); } catch (e) { $("live").textContent = "no snapshot: " + e.message; }
  window.addEventListener("resize", () => { if (last) renderChart(last.history, last.time); });

  // One message per stream, the next asked for with Last-Event-ID after the server's retry delay: an update a second
  // without a request left open between them, so a headless browser's virtual time (--dump-dom) still runs out.
  const live = $("live");
  let lastMessage = Date.now();
  function state(name, text) { live.dataset.state = name; live.textContent = text; }
  if (window.EventSource) {
    const events = new EventSource("/dashboard/events?messages=1");
    events.onmessage = (e) => { lastMessage = Date.now(); state("live", "live"); render(JSON.parse(e.data)); };
    setInterval(() => { if (Date.now() - lastMessage > 5000) state("lost", "no update for " + count.format((Date.now() - lastMessage) / 1000) + " s"); }, 1000);
  } else {
    state("lost", "this browser has no EventSource: showing the page's first snapshot");
  }
})();
