// Report card charts: on-time share, monthly volumes, complaints. Data from the json_script
// block "card-data", labels from #card-labels (translated in the template); no inline script (CSP).
(function () {
  "use strict";
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  function start() {
    var el = document.getElementById("card-data");
    var names = document.getElementById("card-labels");
    if (!el || !names || typeof Chart === "undefined") return;
    var d = JSON.parse(el.textContent);
    var t = names.dataset;
    draw("card-share-chart", {
      type: "line",
      data: {
        labels: d.months,
        datasets: [{
          label: t.share,
          data: d.share.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }),
          spanGaps: true, borderColor: "#15803d", pointRadius: 4,
        }],
      },
      options: { animation: false, scales: { y: { min: 0, max: 100 } } },
    });
    draw("card-volume-chart", {
      type: "bar",
      data: {
        labels: d.months,
        datasets: [
          { label: t.received, data: d.received, backgroundColor: "#1d4ed8" },
          { label: t.completed, data: d.completed, backgroundColor: "#15803d" },
          { label: t.rejected, data: d.rejected, backgroundColor: "#b45309" },
        ],
      },
      options: { animation: false },
    });
    draw("card-complaints-chart", {
      type: "bar",
      data: {
        labels: [t.complaints, t.answered],
        datasets: [{ data: d.complaints, backgroundColor: ["#1d4ed8", "#15803d"] }],
      },
      options: { animation: false, plugins: { legend: { display: false } } },
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
