// regatlas web app: map colouring with an as-of slider, and the corridor form. No dependencies.
"use strict";
const COLORS = {
  crypto_status: { regulated: "#2e7d32", partially_regulated: "#9ccc65", unregulated: "#bdbdbd",
                   restricted: "#f9a825", banned: "#c62828" },
  travel_rule: { in_force: "#2e7d32", enacted: "#64b5f6", proposed: "#f9a825", none: "#bdbdbd" },
};
const START = Date.UTC(2015, 0, 1);
const DAY = 86400000;
const toDate = (n) => new Date(START + n * DAY).toISOString().slice(0, 10);
const toIndex = (s) => Math.round((Date.parse(s + "T00:00:00Z") - START) / DAY);

async function initMap() {
  const map = document.getElementById("map");
  if (!map) return;
  map.innerHTML = await (await fetch("/maps/world.svg")).text();
  const metric = document.getElementById("metric");
  const slider = document.getElementById("asof-slider");
  const dateInput = document.getElementById("asof");
  const out = document.getElementById("asof-value");
  slider.value = toIndex(dateInput.value);
  let timer = null;
  const refresh = async () => {
    const day = dateInput.value;
    out.value = day;
    const resp = await fetch(`/api/v1/map?metric=${metric.value}&as_of=${day}`);
    const doc = await resp.json();
    paint(map, doc, metric.value);
    map.dataset.day = day;
    map.dataset.loaded = "true";
  };
  slider.addEventListener("input", () => {
    dateInput.value = toDate(Number(slider.value));
    out.value = dateInput.value;
    clearTimeout(timer);
    timer = setTimeout(refresh, 120);
  });
  dateInput.addEventListener("change", () => { slider.value = toIndex(dateInput.value); refresh(); });
  metric.addEventListener("change", refresh);
  refresh();
}

// Alignment scores (0-100) on a sequential scale; the buckets double as the legend.
const SCORE_BUCKETS = [[0, "#f1eef6"], [10, "#bdc9e1"], [20, "#74a9cf"], [35, "#2b8cbe"], [50, "#045a8d"]];
const scoreColour = (v) => SCORE_BUCKETS.filter(([lo]) => v >= lo).pop()[1];

function colourOf(metric, value) {
  if (value === null || value === undefined) return "#eceff3";
  return metric === "alignment" ? scoreColour(value) : (COLORS[metric][value] || "#eceff3");
}

function paint(map, doc, metric) {
  const palette = metric === "alignment"
    ? Object.fromEntries(SCORE_BUCKETS.map(([lo, c]) => [`score ≥ ${lo}`, c])) : COLORS[metric];
  map.querySelectorAll(".country").forEach((g) => {
    g.classList.remove("has-value");
    g.querySelectorAll("path").forEach((p) => p.style.removeProperty("fill"));
  });
  for (const [code, value] of Object.entries(doc.values)) {
    const g = map.querySelector(`.country.${code.toLowerCase()}`);
    if (g && code.length === 2) {
      g.classList.add("has-value");
      g.querySelectorAll("path").forEach((p) => (p.style.fill = colourOf(metric, value)));
      let title = g.querySelector("title");
      if (!title) { title = document.createElementNS("http://www.w3.org/2000/svg", "title"); g.prepend(title); }
      title.textContent = `${doc.names[code]}: ${value || "no data"}`;
    }
    const row = document.querySelector(`#status-table tr[data-code="${code}"] .value`);
    if (row) row.innerHTML = `<span class="badge s-${value ?? "none"} p-${value ?? "none"}">${value ?? "—"}</span>`;
  }
  document.getElementById("table-day").textContent = doc.rulebook.as_of;
  document.getElementById("metric-head").textContent =
    { crypto_status: "Crypto status", travel_rule: "Travel Rule", alignment: "Alignment score" }[metric];
  const legend = document.getElementById("legend");
  legend.innerHTML = Object.entries(palette)
    .map(([k, c]) => `<li><i style="background:${c}"></i>${k.replaceAll("_", " ")}</li>`).join("");
}

function esc(s) { return String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]); }

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
    const side = (s, role) => `<tr><th scope="row">${role}</th><td>${esc(s.jurisdiction)}</td><td>${esc(s.status)}</td>
      <td>${s.threshold ? esc(s.threshold.amount.toLocaleString()) + " " + esc(s.threshold.currency) : "—"}</td>
      <td>${s.required ? "yes" : "no"}</td><td>${s.source ? `<a href="${esc(s.source.url)}">${esc(s.source.instrument)}</a> ${esc(s.source.article || "")}` : "no source"}</td></tr>`;
    const fields = doc.fields.map((f) => (Array.isArray(f) ? f.join(" or ") : f)).map(esc).join(", ");
    target.innerHTML = `<div class="result" data-testid="corridor-result">
      <p class="big">Travel Rule ${doc.required ? "required" : "not required"} · action: <code>${esc(doc.action)}</code>${doc.sunrise ? " · sunrise corridor" : ""}</p>
      <table class="data"><thead><tr><th scope="col">Side</th><th scope="col">Jurisdiction</th><th scope="col">Status</th><th scope="col">Threshold</th><th scope="col">Required</th><th scope="col">Source</th></tr></thead>
      <tbody>${side(doc.originator, "Originator")}${side(doc.beneficiary, "Beneficiary")}</tbody></table>
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
  document.getElementById("example").addEventListener("change", (ev) => { profile.value = examples[ev.target.value]; });
  const post = (format) => fetch(`/api/v1/assess?format=${format}&as_of=${document.getElementById("asof").value}`, {
    method: "POST", headers: { "Content-Type": "application/yaml" }, body: profile.value });
  const failed = async (resp) => {
    if (resp.ok) return false;
    const doc = await resp.json();
    status.innerHTML = `<span class="error" role="alert">${esc(doc.detail)}</span>`;
    return true;
  };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status.textContent = "Assessing…";
    const resp = await post("html");
    if (await failed(resp)) return;
    document.getElementById("report").srcdoc = await resp.text();
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

document.addEventListener("DOMContentLoaded", () => { initMap(); initCorridor(); initAssess(); });
