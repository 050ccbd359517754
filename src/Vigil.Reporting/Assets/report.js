// Vigil report page: renders the tables from the summary block and draws one file's chart at a time from its
// compressed block, decoded on first use. Hand-written canvas drawing, no library: see HtmlReportWriter's remarks.
"use strict";
(function () {
  const state = window.__vigil = { ready: false, draws: 0, file: null, loadMs: 0, errors: [] };
  const summary = JSON.parse(document.getElementById("vigil-summary").textContent);
  const cache = new Map();
  const fileIndex = new Map(summary.files.map((f, i) => [f.path, i]));
  let current = null;   // { index, data, view: { a, b } }
  let panels = [];

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  };
  const fmt = (x, d) => (x === null || x === undefined || !isFinite(x)) ? "–" : x.toFixed(d);

  // ---------- tables ----------
  function renderScoreboard() {
    document.getElementById("citation").textContent = summary.citation;
    document.getElementById("source").textContent = "results: " + summary.results + " · corpus: " + summary.corpus;
    const table = document.getElementById("scoreboard");
    const profiles = summary.profiles;
    table.append(el("tr", {}, el("th", { text: "detector" }), ...profiles.map(p => el("th", { text: p })), el("th", { text: "source" })));
    const rows = [];
    for (const d of summary.detectors) {
      rows.push({ name: d.name, scores: profiles.map(p => (d.profiles.find(x => x.name === p) || {}).normalized), vigil: true,
        note: d.optimized ? "this report (thresholds: NAB's sweep)" : "this report (thresholds: corpus config/thresholds.json)" });
    }
    for (const p of summary.published) rows.push({ name: p.name, scores: p.scores, vigil: false, note: "published" + (p.note ? ": " + p.note : "") });
    rows.sort((x, y) => (y.scores[0] - x.scores[0]) || (x.vigil ? -1 : 1));
    for (const r of rows) {
      const tr = el("tr", { class: r.vigil ? "vigil" : "published" });
      tr.append(el("td", { text: r.name }));
      r.scores.forEach((s, i) => {
        const td = el("td", { "data-detector": r.name, "data-profile": profiles[i] || "" });
        if (r.vigil) td.append(el("a", { href: "#list=all&detector=" + encodeURIComponent(r.name), text: fmt(s, 2) }));
        else td.textContent = fmt(s, 2);
        tr.append(td);
      });
      tr.append(el("td", { class: "note", text: r.note }));
      table.append(tr);
    }
  }

  function renderF1() {
    const table = document.getElementById("f1");
    const categories = [...new Set(summary.files.map(f => f.category))].sort();
    table.append(el("tr", {}, el("th", { text: "detector" }), el("th", { text: "mode" }), el("th", { text: "precision" }), el("th", { text: "recall" }),
      el("th", { text: "F1" }), ...categories.map(c => el("th", { text: "F1 " + c }))));
    for (const d of summary.detectors) {
      for (const m of d.f1) {
        const tr = el("tr", {});
        tr.append(el("td", { text: d.name }), el("td", { text: m.mode }));
        for (const key of ["precision", "recall", "f1"]) {
          tr.append(el("td", { "data-detector": d.name, "data-mode": m.mode, "data-metric": key },
            el("a", { href: "#list=all&detector=" + encodeURIComponent(d.name), text: fmt(m.total[key], 3) })));
        }
        for (const c of categories) {
          const counts = m.categories[c];
          tr.append(el("td", { "data-detector": d.name, "data-mode": m.mode, "data-category": c },
            el("a", { href: "#list=" + encodeURIComponent(c) + "&detector=" + encodeURIComponent(d.name),
              title: counts ? `TP ${counts.tp} · FP ${counts.fp} · FN ${counts.fn}` : "", text: counts ? fmt(counts.f1, 3) : "–" })));
        }
        table.append(tr);
      }
    }
  }

  function renderFileList(category, detector) {
    const wrap = document.getElementById("file-list-wrap");
    const table = document.getElementById("file-list");
    table.replaceChildren();
    const files = summary.files.filter(f => category === "all" || f.category === category);
    const det = summary.detectors.find(d => d.name === detector) || summary.detectors[0];
    document.getElementById("file-list-title").textContent =
      (category === "all" ? "All files" : category) + (det ? " — " + det.name + " (standard profile threshold)" : "");
    const modes = det ? det.f1.map(m => m.mode) : [];
    table.append(el("tr", {}, el("th", { text: "file" }), el("th", { text: "rows" }), el("th", { text: "windows" }),
      el("th", { text: "NAB score" }), el("th", { text: "TP rows" }), el("th", { text: "FP rows" }), el("th", { text: "FN windows" }),
      ...modes.map(m => el("th", { text: "F1 " + m }))));
    for (const f of files) {
      const s = det ? det.perFile[f.path] : null;
      table.append(el("tr", {}, el("td", {}, el("a", { href: "#file=" + encodeURIComponent(f.path), text: f.path })),
        el("td", { text: String(f.rows) }), el("td", { text: String(f.windows) }),
        el("td", { text: s ? fmt(s.score, 3) : "–" }), el("td", { text: s ? String(s.tp) : "–" }), el("td", { text: s ? String(s.fp) : "–" }),
        el("td", { text: s ? String(s.fn) : "–" }),
        ...(det ? det.f1.map(m => el("td", { text: m.files[f.path] ? fmt(m.files[f.path].f1, 3) : "–" })) : [])));
    }
    wrap.hidden = false;
  }

  function renderPicker() {
    const picker = document.getElementById("file-picker");
    const byCategory = new Map();
    summary.files.forEach((f, i) => { if (!byCategory.has(f.category)) byCategory.set(f.category, []); byCategory.get(f.category).push([f, i]); });
    for (const [category, files] of byCategory) {
      const group = el("optgroup", { label: category });
      for (const [f, i] of files) group.append(el("option", { value: f.path, text: f.path.slice(f.path.indexOf("/") + 1) + ` (${f.rows} rows)` }));
      picker.append(group);
    }
    picker.addEventListener("change", () => { location.hash = "file=" + encodeURIComponent(picker.value); });
  }

  // ---------- data ----------
  async function loadFile(index) {
    if (cache.has(index)) return cache.get(index);
    const text = document.getElementById("vigil-file-" + index).textContent.trim();
    const bin = atob(text);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const raw = JSON.parse(await new Response(stream).text());
    const n = raw.v.length;
    const t = new Float64Array(n);
    if (n > 0) { t[0] = raw.t0; for (let i = 1; i < n; i++) t[i] = t[i - 1] + raw.dt[i - 1]; }
    const data = { t, v: Float64Array.from(raw.v, x => x === null ? NaN : x), p: raw.p, w: raw.w,
      d: raw.d.map(d => ({ name: d.name, threshold: d.threshold, s: Float64Array.from(d.s, x => x === null ? NaN : x), hits: d.hits })) };
    cache.set(index, data);
    return data;
  }

  // ---------- chart ----------
  const PAD_L = 58, PAD_R = 10, PAD_T = 18, PAD_B = 20;

  function buildChart(path, data) {
    const charts = document.getElementById("charts");
    charts.replaceChildren();
    const chart = el("div", { class: "chart", "data-file": path });
    panels = [];
    const specs = [{ label: path + " — value", series: data.v, hits: null, threshold: null, height: 200 }]
      .concat(data.d.map(d => ({ label: d.name + " — anomaly score (threshold " + d.threshold.toPrecision(6) + ")", series: d.s, hits: d.hits, threshold: d.threshold, height: 120 })));
    for (const spec of specs) {
      const canvas = el("canvas", { "data-panel": spec.label });
      const panel = el("div", { class: "panel" }, canvas, el("div", { class: "label", text: spec.label }));
      chart.append(panel);
      panels.push({ canvas, spec });
    }
    charts.append(chart);
    for (const p of panels) {
      p.canvas.style.height = p.spec.height + "px";
      attachInteraction(p.canvas);
    }
  }

  function visibleRange(series, a, b) {
    let lo = Infinity, hi = -Infinity;
    for (let i = a; i <= b; i++) { const y = series[i]; if (y < lo) lo = y; if (y > hi) hi = y; }
    if (!isFinite(lo)) { lo = 0; hi = 1; }
    if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
    const m = (hi - lo) * 0.06;
    return [lo - m, hi + m];
  }

  function drawPanel(p) {
    const { canvas, spec } = p;
    const dpr = window.devicePixelRatio || 1;
    const cssW = canvas.clientWidth || 800, cssH = spec.height;
    canvas.width = Math.round(cssW * dpr); canvas.height = Math.round(cssH * dpr);
    const g = canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, cssW, cssH);
    const data = current.data, { a, b } = current.view;
    const W = cssW - PAD_L - PAD_R, H = cssH - PAD_T - PAD_B;
    const x = row => PAD_L + (row - a) / Math.max(b - a, 1) * W;
    let [lo, hi] = visibleRange(spec.series, a, b);
    if (spec.threshold !== null) { lo = Math.min(-0.04, lo); hi = Math.max(1.04, hi); }   // scores: always show [0, 1]
    const y = v => PAD_T + (1 - (v - lo) / (hi - lo)) * H;
    // probation and windows
    g.fillStyle = "rgba(120,120,120,0.14)";
    if (data.p > a) g.fillRect(x(a), PAD_T, x(Math.min(data.p, b)) - x(a), H);
    g.fillStyle = "rgba(220,60,60,0.14)";
    for (const [w0, w1] of data.w) {
      if (w1 < a || w0 > b) continue;
      const x0 = x(Math.max(w0, a)), x1 = x(Math.min(w1, b));
      g.fillRect(x0, PAD_T, Math.max(x1 - x0, 1), H);
    }
    // axes
    g.strokeStyle = "#c9ced8"; g.lineWidth = 1;
    g.strokeRect(PAD_L, PAD_T, W, H);
    g.fillStyle = "#5b6475"; g.font = "11px system-ui, sans-serif"; g.textAlign = "right"; g.textBaseline = "middle";
    for (let k = 0; k <= 4; k++) {
      const v = lo + (hi - lo) * k / 4;
      g.fillText(Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(4), PAD_L - 4, y(v));
    }
    g.textAlign = "center"; g.textBaseline = "top";
    for (let k = 0; k <= 4; k++) {
      const row = Math.round(a + (b - a) * k / 4);
      g.fillText(new Date(data.t[row] * 1000).toISOString().slice(0, 16).replace("T", " "), Math.min(Math.max(x(row), PAD_L + 50), PAD_L + W - 50), PAD_T + H + 4);
    }
    // series: a polyline when rows are fewer than pixels, else min/max per pixel column
    g.save(); g.beginPath(); g.rect(PAD_L, PAD_T, W, H); g.clip();
    g.strokeStyle = spec.threshold === null ? "#2457c5" : "#6a3fb5"; g.lineWidth = 1.2; g.beginPath();
    const s = spec.series;
    if (b - a <= W * 2) {
      let started = false;
      for (let i = a; i <= b; i++) { if (!isFinite(s[i])) { started = false; continue; } if (started) g.lineTo(x(i), y(s[i])); else { g.moveTo(x(i), y(s[i])); started = true; } }
    } else {
      const columns = Math.ceil(W);
      for (let c = 0; c < columns; c++) {
        const i0 = a + Math.floor((b - a + 1) * c / columns), i1 = Math.min(b, a + Math.floor((b - a + 1) * (c + 1) / columns) - 1);
        let mn = Infinity, mx = -Infinity;
        for (let i = i0; i <= i1; i++) { const v = s[i]; if (v < mn) mn = v; if (v > mx) mx = v; }
        if (!isFinite(mn)) continue;
        const px = PAD_L + c + 0.5;
        if (c === 0) g.moveTo(px, y(mx)); else g.lineTo(px, y(mx));
        g.lineTo(px, y(mn));
      }
    }
    g.stroke();
    if (spec.threshold !== null) {
      g.strokeStyle = "#b07000"; g.setLineDash([5, 4]); g.beginPath(); g.moveTo(PAD_L, y(spec.threshold)); g.lineTo(PAD_L + W, y(spec.threshold)); g.stroke(); g.setLineDash([]);
      for (const [row, tp] of spec.hits) {
        if (row < a || row > b) continue;
        const px = x(row), py = y(s[row]);
        g.fillStyle = tp ? "#1a8f3a" : "#d12f2f";
        if (tp) { g.beginPath(); g.arc(px, py, 3.2, 0, Math.PI * 2); g.fill(); }
        else { g.fillRect(px - 2.5, py - 2.5, 5, 5); }
      }
    }
    g.restore();
    state.draws++;
  }

  function drawAll() { state.view = { ...current.view }; for (const p of panels) drawPanel(p); }

  function attachInteraction(canvas) {
    let drag = null;
    canvas.addEventListener("wheel", e => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      const frac = Math.min(Math.max((e.clientX - r.left - PAD_L) / (r.width - PAD_L - PAD_R), 0), 1);
      zoom(e.deltaY < 0 ? 0.8 : 1.25, frac);
    }, { passive: false });
    canvas.addEventListener("mousedown", e => { drag = { x: e.clientX, view: { ...current.view } }; canvas.style.cursor = "grabbing"; });
    window.addEventListener("mouseup", () => { drag = null; canvas.style.cursor = "grab"; });
    window.addEventListener("mousemove", e => {
      if (!drag || !current) return;
      const r = canvas.getBoundingClientRect();
      const rowsPerPx = (drag.view.b - drag.view.a) / Math.max(r.width - PAD_L - PAD_R, 1);
      pan(drag.view, Math.round(-(e.clientX - drag.x) * rowsPerPx));
    });
    canvas.addEventListener("dblclick", () => resetView());
  }

  function zoom(factor, frac) {
    if (!current) return;
    const n = current.data.v.length, { a, b } = current.view;
    const span = Math.max(10, Math.min(n - 1, Math.round((b - a) * factor)));
    const center = a + (b - a) * frac;
    let na = Math.round(center - span * frac);
    na = Math.max(0, Math.min(na, n - 1 - span));
    current.view = { a: na, b: na + span };
    drawAll();
  }

  function pan(from, delta) {
    const n = current.data.v.length, span = from.b - from.a;
    const na = Math.max(0, Math.min(from.a + delta, n - 1 - span));
    current.view = { a: na, b: na + span };
    drawAll();
  }

  function resetView() { if (!current) return; current.view = { a: 0, b: current.data.v.length - 1 }; drawAll(); }

  async function showFile(path) {
    const index = fileIndex.get(path);
    if (index === undefined) return;
    const data = await loadFile(index);
    current = { index, data, view: { a: 0, b: Math.max(data.v.length - 1, 1) } };
    document.getElementById("file-picker").value = path;
    buildChart(path, data);
    drawAll();
    state.file = path;
  }

  // ---------- tuning ----------
  function renderStudy() {
    const study = summary.study;
    if (!study) return;
    document.getElementById("tuning-section").hidden = false;
    document.getElementById("tuning-link").append(" · ", el("a", { href: "#tuning-section", text: "Tuning" }));
    document.getElementById("study-name").textContent = "“" + study.name + "” (" + (study.maximize ? "maximise " : "minimise ") + study.objective + ")";
    const pts = study.best;
    scatter(document.getElementById("best-so-far"), pts.map(p => [p[0], p[1]]), "trial", study.objective, pts.map(p => [p[0], p[2]]));
    const names = [...new Set(study.trials.flatMap(t => Object.keys(t.params)))].sort();
    const slices = document.getElementById("slices");
    for (const name of names) {
      const done = study.trials.filter(t => t.value !== null && t.params[name] !== undefined);
      const numeric = done.every(t => typeof t.params[name] === "number");
      const cats = numeric ? null : [...new Set(done.map(t => String(t.params[name])))].sort();
      const canvas = el("canvas", { "data-param": name });
      slices.append(canvas);
      scatter(canvas, done.map(t => [numeric ? t.params[name] : cats.indexOf(String(t.params[name])), t.value]), name + (cats ? " (" + cats.join(", ") + ")" : ""), study.objective, null);
    }
    const table = document.getElementById("trials");
    table.append(el("tr", {}, el("th", { text: "trial" }), el("th", { text: "state" }), el("th", { text: study.objective }), el("th", { text: "seconds" }), ...names.map(n => el("th", { text: n }))));
    for (const t of study.trials) {
      table.append(el("tr", {}, el("td", { text: String(t.number) }), el("td", { text: t.state }), el("td", { text: t.value === null ? "–" : fmt(t.value, 4) }),
        el("td", { text: t.seconds === undefined ? "–" : fmt(t.seconds, 1) }), ...names.map(n => el("td", { text: t.params[n] === undefined ? "" : String(t.params[n]) }))));
    }
  }

  function scatter(canvas, points, xLabel, yLabel, stepLine) {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth || 500, h = canvas.clientHeight || 200;
    canvas.width = w * dpr; canvas.height = h * dpr;
    const g = canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const L = 52, R = 8, T = 8, B = 30;
    const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
    if (points.length === 0) { g.fillStyle = "#5b6475"; g.fillText("no completed trials", L, T + 12); return; }
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    if (x1 === x0) { x0 -= 1; x1 += 1; } if (y1 === y0) { y0 -= 1; y1 += 1; }
    const X = v => L + (v - x0) / (x1 - x0) * (w - L - R), Y = v => T + (1 - (v - y0) / (y1 - y0)) * (h - T - B);
    g.strokeStyle = "#c9ced8"; g.strokeRect(L, T, w - L - R, h - T - B);
    g.fillStyle = "#5b6475"; g.font = "11px system-ui, sans-serif";
    g.textAlign = "right"; g.fillText(y1.toPrecision(4), L - 4, T + 8); g.fillText(y0.toPrecision(4), L - 4, h - B);
    g.textAlign = "center"; g.fillText(xLabel + "  [" + x0.toPrecision(3) + " … " + x1.toPrecision(3) + "]", L + (w - L - R) / 2, h - 10);
    g.fillStyle = "rgba(36,87,197,0.7)";
    for (const [px, py] of points) { g.beginPath(); g.arc(X(px), Y(py), 3, 0, Math.PI * 2); g.fill(); }
    if (stepLine && stepLine.length) {
      g.strokeStyle = "#d12f2f"; g.lineWidth = 1.5; g.beginPath();
      stepLine.forEach(([px, py], i) => { if (i === 0) g.moveTo(X(px), Y(py)); else { g.lineTo(X(px), Y(stepLine[i - 1][1])); g.lineTo(X(px), Y(py)); } });
      g.stroke();
    }
  }

  // ---------- routing ----------
  async function route() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("list")) renderFileList(params.get("list"), params.get("detector"));
    const path = params.get("file");
    if (path && path !== state.file) await showFile(path);
  }

  window.addEventListener("error", e => state.errors.push(String(e.message)));
  window.addEventListener("hashchange", () => { route().catch(err => { state.errors.push(String(err)); console.error(err); }); });
  window.addEventListener("resize", () => { if (current) drawAll(); });

  (async () => {
    renderScoreboard();
    renderF1();
    renderPicker();
    renderStudy();
    document.getElementById("zoom-in").addEventListener("click", () => zoom(0.5, 0.5));
    document.getElementById("zoom-out").addEventListener("click", () => zoom(2, 0.5));
    document.getElementById("zoom-reset").addEventListener("click", () => resetView());
    await route();
    if (!current && summary.files.length > 0) await showFile(summary.files[0].path);
    state.loadMs = performance.now();
    state.ready = true;
  })().catch(err => { state.errors.push(String(err)); console.error(err); });
})();
