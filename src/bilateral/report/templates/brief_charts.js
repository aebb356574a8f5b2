// Draws each chart of the brief from the Vega-Lite spec written beside it,
// with the Vega bundled into the page above: no network, nothing sent anywhere
// (the menu saves a chart as SVG or PNG; "open in the Vega editor" is off).
// A chart that cannot be drawn says so in its box. When every chart has been
// tried, <body data-charts> says "drawn" or "failed".
(function () {
  const boxes = Array.from(document.querySelectorAll(".vega-chart[data-spec]"));
  const options = {renderer: "svg", actions: {export: true, source: false, compiled: false, editor: false}};
  const drawn = boxes.map(function (box) {
    try {
      const spec = JSON.parse(document.getElementById(box.dataset.spec).textContent);
      return vegaEmbed(box, spec, Object.assign({downloadFileName: box.parentElement.id}, options));
    } catch (error) {
      return Promise.reject(error);
    }
  });
  Promise.allSettled(drawn).then(function (results) {
    const failed = [];
    results.forEach(function (r, i) {
      if (r.status !== "rejected") return;
      failed.push(r);
      console.error("a chart could not be drawn: " + r.reason);
      const note = document.createElement("p");
      note.className = "noscript";
      note.textContent = "This chart could not be drawn (" + r.reason + "); bilateral report … --charts static writes it as a picture.";
      boxes[i].appendChild(note);
    });
    document.body.dataset.charts = failed.length ? "failed" : "drawn";
  });
})();
