"use strict";
// The Sparring report page: charts drawn as inline SVG and an episode viewer, from the JSON embedded in the page.
// No library and no network: the page must open from a file, offline, years later. Every text from the data goes in
// through textContent, never as HTML.
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const app = document.getElementById("app");
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const num = (value, digits = 3) => (value === undefined || value === null || Number.isNaN(value)) ? "–" : Number(value).toFixed(digits);
  const pct = (value) => (value === undefined || value === null) ? "–" : (100 * value).toFixed(1) + " %";
  const usd = (value) => "$" + Number(value || 0).toFixed(4);
  const int = (value) => Number(value || 0).toLocaleString("en-US");
  const ms = (value) => Number(value || 0) >= 1000 ? (value / 1000).toFixed(2) + " s" : Number(value || 0).toFixed(0) + " ms";

  function figure(id, title, note) {
    const fig = el("figure", { class: "chart", "data-chart": id }, el("figcaption", {}, title));
    if (note) fig.dataset.note = note;
    return fig;
  }

  function finish(fig, chart) {
    fig.append(chart);
    if (fig.dataset.note) fig.append(el("div", { class: "note" }, fig.dataset.note));
    return fig;
  }

  // Horizontal bars: one row per item, its label on the left, its value at the end of the bar.
  function bars(id, title, items, format, options = {}) {
    const fig = figure(id, title, options.note);
    const labelWidth = 150, width = 380, row = 22, top = 6;
    const max = options.max ?? (Math.max(...items.map((item) => item.value), 0) || 1);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${top * 2 + row * items.length}`, role: "img", "aria-label": title });
    items.forEach((item, i) => {
      const y = top + i * row;
      const length = Math.max(0, (width - labelWidth - 70) * (item.value / max));
      const label = svg("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end" }, item.label.length > 22 ? item.label.slice(0, 21) + "…" : item.label);
      label.append(svg("title", {}, item.label));
      chart.append(label);
      const shown = item.text ?? format(item.value);
      const bar = svg("rect", { class: "bar" + (item.alt ? " alt" : ""), x: labelWidth, y: y + 3, width: length, height: row - 8 });
      bar.append(svg("title", {}, `${item.label}: ${shown}${item.detail ? " · " + item.detail : ""}`));
      chart.append(bar);
      chart.append(svg("text", { x: labelWidth + length + 4, y: y + 14 }, shown));
    });
    // Long lists (one bar per scenario) scroll inside their box instead of stretching the whole grid row.
    return finish(fig, items.length > 12 ? el("div", { class: "scroll" }, chart) : chart);
  }

  // Vertical columns, for a histogram over ordered bins.
  function columns(id, title, items, options = {}) {
    const fig = figure(id, title, options.note);
    const width = 380, height = 180, left = 30, bottom = 34, top = 14;
    const max = Math.max(...items.map((item) => item.value), 0) || 1;
    const slot = (width - left - 6) / items.length;
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
    chart.append(svg("line", { class: "axis", x1: left, x2: width - 6, y1: height - bottom, y2: height - bottom }));
    chart.append(svg("text", { x: left - 4, y: top + 4, "text-anchor": "end" }, String(max)));
    chart.append(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end" }, "0"));
    items.forEach((item, i) => {
      const h = (height - bottom - top) * (item.value / max);
      const x = left + i * slot + 2;
      const bar = svg("rect", { class: "bar", x, y: height - bottom - h, width: Math.max(1, slot - 4), height: h });
      bar.append(svg("title", {}, `${item.label}: ${item.value}`));
      chart.append(bar);
      if (item.value > 0) chart.append(svg("text", { x: x + slot / 2 - 2, y: height - bottom - h - 3, "text-anchor": "middle" }, String(item.value)));
      chart.append(svg("text", { x: x + slot / 2 - 2, y: height - bottom + 14, "text-anchor": "middle" }, item.label));
    });
    if (options.xTitle) chart.append(svg("text", { x: (width + left) / 2, y: height - 4, "text-anchor": "middle" }, options.xTitle));
    return finish(fig, chart);
  }

  // Lines over iterations, a point per value.
  function lines(id, title, series, options = {}) {
    const fig = figure(id, title, options.note);
    const width = 380, height = 190, left = 58, right = 10, top = 12, bottom = 36;
    const tick = (v) => String(Number(v.toPrecision(4)));
    const points = series.flatMap((s) => s.points);
    let low = Math.min(...points.map((p) => p.y)), high = Math.max(...points.map((p) => p.y));
    if (low === high) { low -= 0.5; high += 0.5; }
    const minX = Math.min(...points.map((p) => p.x)), maxX = Math.max(...points.map((p) => p.x));
    const px = (x) => maxX === minX ? (left + width - right) / 2 : left + (width - left - right) * (x - minX) / (maxX - minX);
    const py = (y) => top + (height - top - bottom) * (1 - (y - low) / (high - low));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
    chart.append(svg("line", { class: "axis", x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }));
    chart.append(svg("line", { class: "axis", x1: left, x2: left, y1: top, y2: height - bottom }));
    chart.append(svg("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, tick(high)));
    chart.append(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end" }, tick(low)));
    chart.append(svg("text", { x: left, y: height - bottom + 14, "text-anchor": "middle" }, String(minX)));
    if (maxX !== minX) chart.append(svg("text", { x: width - right, y: height - bottom + 14, "text-anchor": "end" }, String(maxX)));
    chart.append(svg("text", { x: (width + left) / 2, y: height - 4, "text-anchor": "middle" }, options.xTitle || "iteration"));
    series.forEach((s, index) => {
      const alt = index > 0 ? " alt" : "";
      chart.append(svg("polyline", { class: "line" + alt, points: s.points.map((p) => `${px(p.x)},${py(p.y)}`).join(" ") }));
      for (const p of s.points) {
        const dot = svg("circle", { class: "point" + alt, cx: px(p.x), cy: py(p.y), r: 3.5 });
        dot.append(svg("title", {}, `${s.name}, ${options.xTitle || "iteration"} ${p.x}: ${num(p.y, 4)}`));
        chart.append(dot);
      }
    });
    if (series.length > 1) fig.append(el("div", { class: "note" }, series.map((s, i) => (i === 0 ? "— " : "– – ") + s.name).join("   ")));
    return finish(fig, chart);
  }

  function card(value, label) {
    return el("div", { class: "card" }, el("b", {}, value), el("span", {}, label));
  }

  function table(headers, rows) {
    return el("table", {}, headers ? el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))) : null,
      el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => c instanceof Node ? el("td", {}, c) : el("td", { class: typeof c === "number" ? "num" : "" }, c))))));
  }

  const report = data.report;
  const episodes = data.episodes || [];
  const kind = data.nightly ? "Nightly retraining" : data.train ? "Training run" : "Evaluation run";

  // ---- header ----
  app.append(el("h1", {}, `${kind} ${data.title}`));
  if (report) {
    app.append(el("div", { class: "meta" },
      `Environment ${report.environment} ${report.environmentVersion} · policy ${report.policy} · user ${report.user}` +
      (report.judge ? ` · judge ${report.judge}` : "") + ` · status ${report.status}` +
      (data.episodesRunId && data.episodesRunId !== data.title ? ` · episodes of run ${data.episodesRunId}` : "") +
      ` · generated ${new Date(data.generatedAt).toISOString().replace("T", " ").slice(0, 16)} UTC`));
  }
  const nav = el("nav", {});
  app.append(nav);
  function section(id, title) {
    nav.append(el("a", { href: "#" + id }, title));
    const node = el("section", { id }, el("h2", {}, title));
    app.append(node);
    return node;
  }

  // ---- nightly ----
  if (data.nightly) {
    const n = data.nightly;
    const part = section("nightly", "Nightly decision");
    const promoted = n.gate && n.gate.promote;
    part.append(el("p", {}, el("span", { class: "badge " + (n.outcome === "promoted" ? "good" : n.outcome === "kept" ? "" : "bad"), id: "nightly-outcome" }, n.outcome), " ", n.summary));
    part.append(table(null, [
      ["Scheduled", String(n.now)],
      ["Transcript files", String((n.transcripts || []).length)],
      ["Conversations, scenarios derived", n.ingestion ? `${n.ingestion.transcripts}, ${n.ingestion.scenarios} (users: ${n.ingestion.user})` : "–"],
      ["Current policy", n.current ? `${n.current.name}@${n.current.version}` : "none"],
      ["Candidate", n.candidate ? `${n.candidate.name}@${n.candidate.version}` : "none"],
      ["Training data", n.dataRunId ? `${n.trainingExamples} conversations from run ${n.dataRunId}` : "–"],
      ["Training job", n.trainingJobId || "–"],
    ].concat(n.trainingError ? [["Training error", n.trainingError]] : [])));
    const charts = el("div", { class: "charts" });
    part.append(charts);
    if (n.gate) {
      const g = n.gate;
      charts.append(bars("gate", `Promotion gate: ${promoted ? "promote" : "keep the current policy"}`, [
        { label: "current", value: g.currentMeanReward },
        { label: "candidate", value: g.candidateMeanReward, alt: true },
      ], (v) => num(v), { max: 1, note: `Held-out mean reward; the candidate must win by ${num(g.margin)} and lose no safety gate.` }));
      part.append(el("h3", {}, "Why"), el("ul", {}, (g.reasons || []).map((r) => el("li", {}, r))));
      if ((g.safetyGates || []).length) {
        part.append(el("h3", {}, "Safety gates"), table(["grader", "current", "candidate"], g.safetyGates.map((s) => [s.grader, num(s.current), num(s.candidate)])));
      }
    } else {
      part.append(el("p", { class: "empty" }, `The promotion gate was not reached (${n.outcome}).`));
    }
    if (data.fidelity) {
      const f = data.fidelity;
      charts.append(bars("fidelity", `Mock-user fidelity ${num(f.overall)} (${f.user})`, (f.features || []).map((x) => ({ label: x.name, value: x.similarity, detail: `real mean ${num(x.realMean, 2)}, simulated ${num(x.simulatedMean, 2)}` })),
        (v) => num(v), { max: 1, note: `1 − Jensen–Shannon divergence per feature, ${f.realConversations} real against ${f.simulatedConversations} simulated conversations; a classifier told them apart ${pct(f.classifierAccuracy)} of the time.` }));
    } else if (n.ingestion && n.ingestion.fidelity !== undefined && n.ingestion.fidelity !== null) {
      part.append(el("p", {}, `Mock-user fidelity against the transcripts: ${num(n.ingestion.fidelity)} (1 = indistinguishable).`));
    } else {
      part.append(el("p", { class: "empty" }, "Mock-user fidelity was not measured (too few conversations on either side)."));
    }
  }

  // ---- training ----
  if (data.train) {
    const t = data.train;
    const part = section("training", "Training");
    part.append(el("p", { class: "meta" }, `${t.preset} preset · ${int(t.parameters)} parameters (${t.modelShape}) · training reward ${t.trainingReward} · ${num(t.seconds, 1)} s`));
    const evaluations = [["SFT", t.sftEvaluation], ["SFT + " + (t.algorithm || "ppo").toUpperCase(), t.ppoEvaluation]].concat(t.baseline ? [["SFT-only baseline", t.baseline.evaluation]] : []).filter((e) => e[1]);
    part.append(table(["policy", "run", "episodes", "mean reward", "success", "containment"],
      evaluations.map(([name, e]) => [name, e.runId, e.episodes, num(e.meanReward), pct(e.successRate), pct(e.containmentRate)])));
    if (t.sft) part.append(el("p", { class: "meta" }, `SFT: ${t.sft.conversations} conversations, ${t.sft.steps} steps, loss ${num(t.sft.firstEpochLoss)} → ${num(t.sft.lastEpochLoss)}` + (t.sft.validationLoss !== undefined && t.sft.validationLoss !== null ? ` (held out ${num(t.sft.validationLoss)})` : "")));
    const iterations = t.iterations || [];
    const charts = el("div", { class: "charts" });
    part.append(charts);
    if (iterations.length) {
      charts.append(lines("train-reward", "Reward per PPO iteration", [
        { name: "mean reward", points: iterations.map((i) => ({ x: i.iteration, y: i.meanReward })) },
        { name: "training reward", points: iterations.map((i) => ({ x: i.iteration, y: i.trainingReward })) },
      ]));
      charts.append(lines("train-kl", "KL to the reference policy", [{ name: "objective/kl", points: iterations.map((i) => ({ x: i.iteration, y: i.kl })) }]));
      charts.append(lines("train-entropy", "Policy entropy", [{ name: "objective/entropy", points: iterations.map((i) => ({ x: i.iteration, y: i.entropy })) }]));
    } else {
      part.append(el("p", { class: "empty" }, "No PPO iteration ran."));
    }
    if (evaluations.length) {
      charts.append(bars("train-evaluations", "Held-out mean reward by policy", evaluations.map(([name, e], i) => ({ label: name, value: e.meanReward, alt: i % 2 === 1 })), (v) => num(v), { max: 1 }));
    }
  }

  // ---- run overview ----
  if (report) {
    const part = section("overview", "Run");
    part.append(el("div", { class: "cards" },
      card(num(report.meanReward), "mean reward"),
      card(pct(report.successRate), "success"),
      card(pct(report.containmentRate), "containment"),
      card(String(report.episodes), `episodes, ${report.scenarios} scenarios`),
      card(usd(report.cost.total), `cost, ${usd(report.cost.meanPerEpisode)} an episode`),
      card(int(report.tokens.total), `tokens${report.tokens.estimated ? " (estimated)" : ""}`),
      card(ms(report.latency.episodeP50Ms), "episode p50")));
    if (report.notRun) part.append(el("p", { class: "fail" }, `${report.notRun.episodes} of ${report.notRun.planned} planned episodes were not run: ${report.notRun.detail}`));
    const charts = el("div", { class: "charts" });
    part.append(charts);
    const bins = Array.from({ length: 10 }, (_, i) => ({ label: (i / 10).toFixed(1), value: 0 }));
    for (const e of episodes) bins[Math.min(9, Math.max(0, Math.floor(e.reward * 10)))].value++;
    charts.append(columns("reward-distribution", "Reward distribution", bins, { xTitle: "reward (bins of 0.1)", note: `${episodes.length} episodes; mean ${num(report.meanReward)}` }));
    const graders = Object.entries(report.graders || {});
    if (graders.length) {
      charts.append(bars("grader-means", "Mean score per grader", graders.map(([name, g]) => ({ label: name, value: g.mean ?? 0, text: g.mean === null || g.mean === undefined ? "n/a" : undefined, detail: `${g.applicable} applied, ${g.notApplicable} not applicable` })), (v) => num(v), { max: 1 }));
    }
    const passes = Object.entries(report.passHatK || {}).sort((a, b) => Number(a[0]) - Number(b[0]));
    if (passes.length) {
      charts.append(bars("pass-k", "pass^k", passes.map(([k, v]) => ({ label: `k = ${k}`, value: v })), pct, { max: 1, note: "Share of scenarios solved in all k of k tries (τ-bench)." }));
    }
    const transferred = Math.round(report.episodes * (1 - report.containmentRate));
    charts.append(bars("containment", `Containment ${pct(report.containmentRate)}`, [
      { label: "ended without transfer", value: report.episodes - transferred },
      { label: "transferred to a human", value: transferred, alt: true },
    ], (v) => String(v)));
    charts.append(bars("terminations", "Termination reasons", Object.entries(report.terminations || {}).map(([name, count]) => ({ label: name, value: count })), (v) => String(v)));
    charts.append(bars("tokens", `Tokens (${int(report.tokens.meanPerEpisode)} an episode)`, [
      { label: "policy", value: report.tokens.policy }, { label: "mock user", value: report.tokens.user }, { label: "judge", value: report.tokens.judge },
    ], int, { note: report.tokens.estimated ? "Some models reported no usage: those counts are estimated at about 4 characters a token." : undefined }));
    charts.append(bars("cost", "Cost (US dollars)", [
      { label: "policy", value: report.cost.policy }, { label: "mock user", value: report.cost.user }, { label: "judge", value: report.cost.judge },
    ], usd));
    charts.append(bars("latency", "Latency", [
      { label: "policy call p50", value: report.latency.turnP50Ms }, { label: "policy call p95", value: report.latency.turnP95Ms },
      { label: "episode p50", value: report.latency.episodeP50Ms, alt: true }, { label: "episode p95", value: report.latency.episodeP95Ms, alt: true },
    ], ms));
    const scenarios = Object.entries(report.scenarioMeanReward || {});
    if (scenarios.length) {
      charts.append(bars("scenario-reward", "Mean reward per scenario", scenarios.sort((a, b) => a[1] - b[1]).map(([name, v]) => ({ label: name, value: v })), (v) => num(v), { max: 1, note: "Lowest first: where the agent fails." }));
    }
  }

  // ---- episodes ----
  const part = section("episodes", "Episodes");
  if (!episodes.length) {
    part.append(el("p", { class: "empty" }, "No episodes to show."));
  } else {
    if (data.conversationsLeftOut) {
      part.append(el("p", { class: "meta" }, `${data.conversationsLeftOut} conversations did not fit in this page; read them in the run's trajectories-NNN.jsonl files.`));
    }
    const distinct = (key) => [...new Set(episodes.map((e) => e[key]).filter((v) => v))].sort();
    const select = (name, values) => el("select", { name, "data-filter": name }, el("option", { value: "" }, "all"), values.map((v) => el("option", { value: v }, v)));
    const filters = {
      scenario: select("scenario", distinct("scenario")),
      split: select("split", distinct("split")),
      termination: select("termination", distinct("termination")),
      min: el("input", { type: "number", name: "min-reward", "data-filter": "min-reward", min: 0, max: 1, step: 0.05, placeholder: "0" }),
      max: el("input", { type: "number", name: "max-reward", "data-filter": "max-reward", min: 0, max: 1, step: 0.05, placeholder: "1" }),
    };
    const shown = el("span", { class: "meta", id: "episode-count" });
    part.append(el("div", { class: "filters" },
      el("label", {}, "scenario", filters.scenario), el("label", {}, "split", filters.split), el("label", {}, "termination", filters.termination),
      el("label", {}, "reward ≥", filters.min), el("label", {}, "reward ≤", filters.max),
      el("button", { type: "button", onclick: () => { for (const f of Object.values(filters)) f.value = ""; apply(); } }, "clear"), shown));
    const body = el("tbody", {});
    const rows = episodes.map((e) => {
      const row = el("tr", { class: "episode-row", "data-episode-id": e.id, tabindex: 0, onclick: () => openEpisode(e.id), onkeydown: (ev) => { if (ev.key === "Enter") openEpisode(e.id); } },
        el("td", {}, e.id), el("td", {}, e.scenario), el("td", {}, e.split || "–"), el("td", { class: "num" }, num(e.reward)),
        el("td", {}, e.termination), el("td", {}, e.success ? el("span", { class: "ok" }, "yes") : el("span", { class: "fail" }, "no")));
      body.append(row);
      return { episode: e, row };
    });
    part.append(el("table", { id: "episode-table" },
      el("thead", {}, el("tr", {}, ["episode", "scenario", "split", "reward", "termination", "success"].map((h) => el("th", {}, h)))), body));
    function apply() {
      const min = filters.min.value === "" ? -Infinity : Number(filters.min.value);
      const max = filters.max.value === "" ? Infinity : Number(filters.max.value);
      let count = 0;
      for (const { episode: e, row } of rows) {
        const visible = (!filters.scenario.value || e.scenario === filters.scenario.value) && (!filters.split.value || e.split === filters.split.value) &&
          (!filters.termination.value || e.termination === filters.termination.value) && e.reward >= min && e.reward <= max;
        row.hidden = !visible;
        if (visible) count++;
      }
      shown.textContent = `${count} of ${episodes.length} episodes`;
    }
    for (const f of Object.values(filters)) f.addEventListener("input", apply);
    apply();

    const panel = el("aside", { id: "episode", hidden: true, "aria-live": "polite" });
    document.body.append(panel);
    const byId = new Map(episodes.map((e) => [e.id, e]));
    function close() {
      panel.hidden = true;
      for (const { row } of rows) row.classList.remove("selected");
      if (location.hash.startsWith("#episode=")) history.replaceState(null, "", "#episodes");
    }
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !panel.hidden) close(); });

    function openEpisode(id) {
      const e = byId.get(id);
      if (!e) return;
      for (const { episode, row } of rows) row.classList.toggle("selected", episode.id === id);
      history.replaceState(null, "", "#episode=" + encodeURIComponent(id));
      panel.hidden = false;
      panel.replaceChildren(el("button", { class: "close", type: "button", onclick: close, "aria-label": "close" }, "close ✕"), el("h2", {}, `Episode ${e.id}`));
      panel.append(el("p", { class: "meta" },
        `scenario ${e.scenario} · split ${e.split} · repetition ${e.repetition} · reward ${num(e.reward)} · ${e.success ? "success" : "no success"} · ` +
        `${e.transferred ? "transferred to a human" : "not transferred"} · ${ms(e.durationMs)} · ${int(e.tokens)} tokens · ${usd(e.costUsd)}`));
      panel.append(el("p", {}, el("span", { class: "badge" + (e.termination === "error" ? " bad" : "") }, e.termination), e.terminationDetail || ""));

      panel.append(el("h3", {}, "Graders"));
      panel.append(el("table", { class: "graders" }, el("thead", {}, el("tr", {}, ["grader", "type", "score", "reason"].map((h) => el("th", {}, h)))),
        el("tbody", {}, e.graders.map((g) => el("tr", {},
          el("td", {}, g.name), el("td", {}, g.type), el("td", { class: "num" }, g.applicable ? num(g.score) : "n/a"),
          el("td", { class: "grader-reason" }, g.reason, g.criteria ? el("div", { class: "meta" }, Object.entries(g.criteria).map(([c, s]) => `${c} ${num(s, 2)}`).join(" · ")) : null))))));

      if (!e.messages) {
        panel.append(el("h3", {}, "Conversation"), el("p", { class: "empty" }, e.finalStateHash
          ? "This conversation did not fit in the page: read it in the run's trajectories-NNN.jsonl files."
          : "This episode left no trajectory: it failed before it could be recorded (the detail above says why)."));
        return;
      }
      const matches = e.finalStateHash === e.goldStateHash;
      panel.append(el("h3", {}, "State"));
      panel.append(el("p", {}, el("span", { class: matches ? "ok" : "fail" }, matches ? "The final state matches the gold actions' state." : "The final state differs from the gold actions' state."),
        el("div", { class: "meta" }, `final ${e.finalStateHash.slice(0, 16)}… · gold ${e.goldStateHash.slice(0, 16)}… · the trajectory records state hashes; the tool calls below are the changes made.`)));

      panel.append(el("h3", {}, "Conversation"));
      const calls = new Map((e.toolCalls || []).map((c) => [c.id, c]));
      const conversation = el("div", { class: "conversation" });
      for (const m of e.messages) {
        const message = el("div", { class: `message role-${m.role}` }, el("div", { class: "role" }, m.role + (m.name ? ` · ${m.name}` : "")));
        if (m.content !== undefined && m.content !== null && m.content !== "") message.append(el("div", { class: "content" }, m.content));
        for (const call of m.tool_calls || []) {
          let args = call.function.arguments;
          try { args = JSON.stringify(JSON.parse(args), null, 2); } catch { /* shown as the policy wrote it */ }
          message.append(el("div", { class: "tool-call" }, el("b", {}, `→ ${call.function.name}`), el("pre", {}, args)));
        }
        if (m.role === "tool" && calls.has(m.tool_call_id)) {
          const record = calls.get(m.tool_call_id);
          message.append(el("div", {},
            el("span", { class: "badge" + (record.valid ? " good" : " bad") }, record.valid ? "valid call" : "invalid call"),
            record.faultInjected ? el("span", { class: "badge bad" }, "injected fault") : null,
            record.error ? el("span", { class: "badge bad" }, record.error) : null,
            el("span", { class: "badge" }, ms(record.latencyMs))));
        }
        conversation.append(message);
      }
      panel.append(conversation);
      panel.scrollTop = 0;
    }
    const linked = location.hash.startsWith("#episode=") ? decodeURIComponent(location.hash.slice("#episode=".length)) : null;
    if (linked) openEpisode(linked);
  }
})();
