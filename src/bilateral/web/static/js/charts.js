// Interactive charts: each <div class="vega" data-spec="ID"> gets the
// Vega-Lite spec held in <script type="application/json" id="ID">, drawn by
// vega-embed with Vega's expression interpreter (ast: true), so the page's
// Content-Security-Policy needs no 'unsafe-eval'.
"use strict";
(function () {
  const options = {ast: true, renderer: "svg", actions: {export: true, source: false, compiled: false, editor: false},
                   tooltip: true};
  document.querySelectorAll("div.vega[data-spec]").forEach((div) => {
    const holder = document.getElementById(div.dataset.spec);
    if (!holder) return;
    const spec = JSON.parse(holder.textContent);
    vegaEmbed(div, spec, options).then(() => {
      div.dataset.rendered = "true";
    }).catch((err) => {
      div.dataset.rendered = "failed";
      const note = document.createElement("p");
      note.className = "error";
      note.textContent = "This chart could not be drawn: " + err.message;
      div.appendChild(note);
    });
  });
})();
