// Render every chart on the page with vega-embed (bundled locally), wire exports and state suggestions.
const views = {};

async function renderCharts() {
  for (const fig of document.querySelectorAll("figure.chart")) {
    const id = fig.dataset.chart;
    const spec = JSON.parse(document.getElementById("spec-" + id).textContent);
    try {
      const res = await window.vegaEmbed("#vis-" + id, spec, { actions: false, renderer: "svg" });
      views[id] = res.view;
      fig.dataset.rendered = "true";
    } catch (err) {
      fig.querySelector(".vis").textContent = "This chart could not be drawn: " + err.message;
      fig.dataset.rendered = "failed";
    }
  }
  document.body.dataset.chartsReady = "true";
}

function wireExports() {
  for (const btn of document.querySelectorAll("button.export")) {
    btn.addEventListener("click", async () => {
      const fig = btn.closest("figure.chart");
      const view = views[fig.dataset.chart];
      if (!view) return;
      const fmt = btn.dataset.format;
      const url = await view.toImageURL(fmt, fmt === "png" ? 2 : 1);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${document.title.split(" · ")[0].replace(/[^A-Za-z0-9]+/g, "-")}-${fig.dataset.chart}.${fmt}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }
}

function wireSuggestions() {
  const list = document.getElementById("state-suggestions");
  if (!list) return;
  let timer = null;
  for (const input of document.querySelectorAll("input[data-state]")) {
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.split(",").pop().trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        const r = await fetch(`/api/v1/states?q=${encodeURIComponent(q)}&limit=8`);
        if (!r.ok) return;
        const body = await r.json();
        list.replaceChildren(...body.states.map((s) => {
          const o = document.createElement("option");
          o.value = s.abb;
          o.label = `${s.name} (${s.ccode})`;
          return o;
        }));
      }, 150);
    });
  }
}

function wireAutoSubmit() {
  for (const el of document.querySelectorAll("[data-autosubmit]")) {
    el.addEventListener("change", () => el.form.submit());
  }
  for (const el of document.querySelectorAll("input[type=range][data-output]")) {
    const out = document.getElementById(el.dataset.output);
    el.addEventListener("input", () => { out.textContent = el.value; });
  }
}

wireExports();
wireSuggestions();
wireAutoSubmit();
renderCharts();
