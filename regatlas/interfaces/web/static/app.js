// regatlas web app: map colouring with an as-of slider, the corridor form, the assessment page and
// the provision filter. No dependencies. Written for a strict Content-Security-Policy: no inline
// handlers, no style attributes in markup (colours are set through the CSSOM), no eval.
"use strict";
const COLORS = {
  crypto_status: { regulated: "#2e7d32", partially_regulated: "#9ccc65", unregulated: "#8d8d8d",
                   restricted: "#f9a825", banned: "#c62828" },
  travel_rule: { in_force: "#2e7d32", enacted: "#64b5f6", proposed: "#f9a825", none: "#8d8d8d" },
};
const NO_DATA = "#f1eee6";
// Known from ISO 3166-1 only (coverage none): no rulebook file yet, nothing looked up.
const NO_FILE = "#c4c9d1";
const LABELS = { risk_based: "risk-based", self_hosted: "self-hosted", rule_based: "rule-based" };
const START = Date.UTC(2015, 0, 1);
const DAY = 86400000;
const toDate = (n) => new Date(START + n * DAY).toISOString().slice(0, 10);
const toIndex = (s) => Math.round((Date.parse(s + "T00:00:00Z") - START) / DAY);

// An enum value as a person would write it (partially_regulated -> "partially regulated").
function human(v, empty = "—") {
  if (v === null || v === undefined || v === "") return empty;
  const s = String(v);
  return LABELS[s] || s.replaceAll("_", " ");
}

// "Regulation (EU) 2023/1113 of the European Parliament ..." -> "Regulation (EU) 2023/1113".
const short = (title) => String(title ?? "").split(" of the ")[0];

function esc(s) { return String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }

// A typed date kept inside the input's min/max (and the slider's range); "" when unreadable.
function clampDate(input) {
  const v = input.value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) return "";
  if (input.min && v < input.min) return input.min;
  if (input.max && v > input.max) return input.max;
  return v;
}

// Every same-origin link that carries as_of, and the address bar, follow the chosen date.
function shareDay(day, metric) {
  document.querySelectorAll('a[href*="as_of="]').forEach((a) => {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== location.origin) return;
    url.searchParams.set("as_of", day);
    a.setAttribute("href", url.pathname + url.search + url.hash);
  });
  const here = new URL(location.href);
  here.searchParams.set("as_of", day);
  if (metric && metric !== "crypto_status") here.searchParams.set("metric", metric);
  else here.searchParams.delete("metric");
  history.replaceState(null, "", here.pathname + here.search + here.hash);
}

async function initMap() {
  const map = document.getElementById("map");
  if (!map) return;
  const form = document.getElementById("map-controls");
  const metric = document.getElementById("metric");
  const slider = document.getElementById("asof-slider");
  const dateInput = document.getElementById("asof");
  const out = document.getElementById("asof-value");
  form.addEventListener("submit", (ev) => { ev.preventDefault(); dateInput.dispatchEvent(new Event("change")); });
  const wanted = new URLSearchParams(location.search).get("metric");
  if (wanted && [...metric.options].some((o) => o.value === wanted)) metric.value = wanted;
  map.innerHTML = await (await fetch("/maps/world.svg")).text();
  slider.value = toIndex(dateInput.value);
  let timer = null;
  let latest = 0;
  const refresh = async () => {
    const day = dateInput.value;
    const ticket = ++latest;
    out.value = day;
    const resp = await fetch(`/api/v1/map?metric=${encodeURIComponent(metric.value)}&as_of=${day}`);
    const doc = await resp.json();
    if (ticket !== latest || !resp.ok) return;
    paint(map, doc, metric.value);
    shareDay(day, metric.value);
    map.dataset.day = day;
    map.dataset.loaded = "true";
  };
  slider.addEventListener("input", () => {
    dateInput.value = toDate(Number(slider.value));
    out.value = dateInput.value;
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  });
  dateInput.addEventListener("change", () => {
    const day = clampDate(dateInput);
    if (!day) return;
    dateInput.value = day;
    slider.value = toIndex(day);
    refresh();
  });
  metric.addEventListener("change", refresh);
  refresh();
}

// Alignment scores (0-100) on a sequential scale; the buckets double as the legend.
const SCORE_BUCKETS = [[0, "#cfdff0"], [10, "#9ec3e0"], [20, "#5fa2cf"], [35, "#2b7bb9"], [50, "#08488a"]];
const scoreColour = (v) => SCORE_BUCKETS.filter(([lo]) => v >= lo).pop()[1];

function colourOf(metric, value, coverage) {
  if (coverage === "none") return NO_FILE;
  if (value === null || value === undefined) return NO_DATA;
  return metric === "alignment" ? scoreColour(value) : (COLORS[metric][value] || NO_DATA);
}

function legendItem(label, colour) {
  const li = document.createElement("li");
  const swatch = document.createElement("i");
  swatch.style.background = colour;
  li.append(swatch, label);
  return li;
}

function paint(map, doc, metric) {
  const palette = metric === "alignment"
    ? SCORE_BUCKETS.map(([lo, c]) => [`score ≥ ${lo}`, c])
    : Object.entries(COLORS[metric]).map(([k, c]) => [human(k), c]);
  map.querySelectorAll(".country").forEach((g) => {
    g.classList.remove("has-value");
    g.querySelectorAll("path").forEach((p) => p.style.removeProperty("fill"));
  });
  for (const [code, value] of Object.entries(doc.values)) {
    const g = map.querySelector(`.country.${code.toLowerCase()}`);
    if (g && code.length === 2) {
      g.classList.add("has-value");
      const coverage = (doc.coverage || {})[code];
      g.querySelectorAll("path").forEach((p) => (p.style.fill = colourOf(metric, value, coverage)));
      let title = g.querySelector("title");
      if (!title) { title = document.createElementNS("http://www.w3.org/2000/svg", "title"); g.prepend(title); }
      title.textContent = `${doc.names[code]}: ${coverage === "none" ? "no rulebook file yet" : human(value, "no data")}`;
    }
    const row = document.querySelector(`#status-table tr[data-code="${code}"] .value`);
    // A missing value is "no data", never "none" (which is a finding that needs a source).
    if (row) row.innerHTML = `<span class="badge s-${esc(value ?? "no_data")} p-${esc(value ?? "no_data")}">${esc(human(value, "no data"))}</span>`;
  }
  document.getElementById("table-day").textContent = doc.rulebook.as_of;
  document.getElementById("metric-head").textContent =
    { crypto_status: "Crypto status", travel_rule: "Travel Rule", alignment: "Alignment score" }[metric];
  const legend = document.getElementById("legend");
  legend.replaceChildren(...palette.map(([k, c]) => legendItem(k, c)), legendItem("no data", NO_DATA),
    legendItem("no rulebook file yet", NO_FILE));
}

// An alternative is a field or {all_of: [...]} (fields required together): a key and a label.
const altNames = (a) => (typeof a === "string" ? [a] : a.all_of);
const altKey = (a) => [...altNames(a)].sort().join("+");
const altLabel = (a) => altNames(a).map(human).join(" + ");
// Alternative `a` meets the "one of" list `g` when some alternative of g asks for nothing more.
const meets = (a, g) => g.some((b) => altNames(b).every((n) => altNames(a).includes(n)));

// Two sides may each ask for "one of" a group of fields; the alternatives that meet both lists
// are shown once, as one group, instead of two near-duplicates.
function mergeAlternatives(fields) {
  const out = [];
  for (const f of fields) {
    if (!Array.isArray(f)) { out.push(f); continue; }
    const common = (g) => [...g.filter((a) => meets(a, f)), ...f.filter((a) => meets(a, g))];
    const prior = out.find((g) => Array.isArray(g) && common(g).length);
    if (!prior) { out.push([...f]); continue; }
    const both = [...new Map(common(prior).map((a) => [altKey(a), a])).values()];
    prior.splice(0, prior.length, ...both);
    prior.both = true;
  }
  return out;
}

function initCorridor() {
  const form = document.getElementById("corridor-form");
  if (!form) return;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    data.amount = Number(data.amount);
    data.currency = data.currency.toUpperCase();
    const target = document.getElementById("corridor-result");
    const resp = await fetch("/api/v1/travel-rule/check", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
    const doc = await resp.json();
    if (!resp.ok) { target.innerHTML = `<p class="error" role="alert">${esc(doc.detail)}</p>`; return; }
    const side = (s, role) => `<tr><th scope="row">${role}</th><td>${esc(s.jurisdiction)}</td><td>${esc(human(s.status))}</td>
      <td>${s.threshold ? esc(s.threshold.amount.toLocaleString()) + " " + esc(s.threshold.currency) : "—"}</td>
      <td>${s.required ? "yes" : "no"}</td><td>${s.source ? `<a href="${esc(s.source.url)}" title="${esc(s.source.instrument)}">${esc(short(s.source.instrument))}</a> ${esc(s.source.article || "")}` : "no source"}</td></tr>`;
    const fields = mergeAlternatives(doc.fields)
      .map((f) => (Array.isArray(f) ? `one of ${f.map(altLabel).join(" or ")}${f.both ? " (accepted by both sides)" : ""}` : human(f)))
      .map(esc).join(", ");
    target.innerHTML = `<div class="result" data-testid="corridor-result">
      <p class="big">Travel Rule ${doc.required ? "required" : "not required"} · action: <code>${esc(human(doc.action))}</code>${doc.sunrise ? " · sunrise corridor" : ""}</p>
      <div class="table-wrap"><table class="data"><thead><tr><th scope="col">Side</th><th scope="col">Jurisdiction</th><th scope="col">Status</th><th scope="col">Threshold</th><th scope="col">Required</th><th scope="col">Source</th></tr></thead>
      <tbody>${side(doc.originator, "Originator")}${side(doc.beneficiary, "Beneficiary")}</tbody></table></div>
      <p><strong>Fields:</strong> ${fields || "none"}</p>
      <ul>${doc.explanation.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>
      <p class="hint">Rulebook ${esc(doc.rulebook.version)} as of ${esc(doc.rulebook.as_of)}; amount ${esc(doc.amount_eur.toFixed(2))} EUR at ECB reference rates.</p></div>`;
  });
}

function initAssess() {
  const form = document.getElementById("assess-form");
  if (!form) return;
  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const profile = document.getElementById("profile");
  const status = document.getElementById("assess-status");
  const report = document.getElementById("report");
  const clearReport = () => { report.hidden = true; report.removeAttribute("srcdoc"); report.classList.remove("stale"); };
  document.getElementById("example").addEventListener("change", (ev) => {
    profile.value = examples[ev.target.value];
    if (!report.hidden) report.classList.add("stale");
  });
  profile.addEventListener("input", () => { if (!report.hidden) report.classList.add("stale"); });
  const post = (format) => fetch(`/api/v1/assess?format=${format}&as_of=${document.getElementById("asof").value}`, {
    method: "POST", headers: { "Content-Type": "application/yaml" }, body: profile.value });
  const failed = async (resp) => {
    if (resp.ok) return false;
    let doc = {};
    try { doc = await resp.json(); } catch { doc = { detail: `${resp.status} ${resp.statusText}` }; }
    const where = doc.line ? `Line ${doc.line}${doc.column ? `, column ${doc.column}` : ""}: ` : "";
    clearReport();
    status.innerHTML = `<span class="error" role="alert" data-testid="assess-error">${esc(where + (doc.detail || "the assessment failed"))}</span>`;
    return true;
  };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status.textContent = "Assessing…";
    if (!report.hidden) report.classList.add("stale");
    const resp = await post("html");
    if (await failed(resp)) return;
    // The report's one <style> element is allowed by its hash in the server's CSP (the iframe inherits it).
    report.srcdoc = await resp.text();
    report.classList.remove("stale");
    report.hidden = false;
    status.textContent = "Done.";
  });
  document.getElementById("pdf").addEventListener("click", async () => {
    status.textContent = "Rendering PDF…";
    const resp = await post("pdf");
    if (await failed(resp)) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await resp.blob());
    link.download = "assessment.pdf";
    link.click();
    status.textContent = "PDF downloaded.";
  });
}

// Jurisdiction pages: a filter over the provisions, grouped by topic (the page works without it).
function initProvisionFilter() {
  const box = document.getElementById("prov-filter");
  if (!box) return;
  document.getElementById("prov-filter-wrap").hidden = false;
  const count = document.getElementById("prov-count");
  const groups = [...document.querySelectorAll("#provisions section.topic")];
  box.addEventListener("input", () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const group of groups) {
      let inGroup = 0;
      const topic = group.querySelector("h3").textContent.toLowerCase();
      for (const row of group.querySelectorAll("tbody tr")) {
        const text = topic + " " + row.textContent.toLowerCase();
        const match = words.every((w) => text.includes(w));
        row.hidden = !match;
        inGroup += match ? 1 : 0;
      }
      group.hidden = inGroup === 0;
      shown += inGroup;
    }
    count.value = words.length ? `${shown} shown` : "";
  });
}

async function initFirmMaps() {
  const maps = document.querySelectorAll(".firm-map");
  if (!maps.length) return;
  const svg = await (await fetch("/maps/world.svg")).text();
  for (const map of maps) {
    map.innerHTML = svg;
    // ESMA and MiCA write Greece as EL; the map's shapes are classed by ISO 3166-1 (gr)
    const code = (c) => (c === "EL" ? "gr" : c.toLowerCase());
    for (const c of map.dataset.passported.split(" ").filter(Boolean)) map.querySelector(`.${code(c)}`)?.classList.add("passported");
    if (map.dataset.home) map.querySelector(`.${code(map.dataset.home)}`)?.classList.add("home");
  }
}

document.addEventListener("DOMContentLoaded", () => { initMap(); initCorridor(); initAssess(); initProvisionFilter(); initFirmMaps(); });
