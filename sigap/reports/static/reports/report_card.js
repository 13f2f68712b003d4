// Report card charts: on-time share (0-100 %), monthly volumes (counts), complaints (counts).
// Data from the json_script block "card-data", labels from #card-labels (translated in the
// template); the same figures are in the tables under the charts. No inline script (CSP).
(function () {
  "use strict";
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  function start() {
    var el = document.getElementById("card-data");
    var names = document.getElementById("card-labels");
    if (!el || !names || typeof Chart === "undefined" || !window.SigapCharts) return;
    var C = window.SigapCharts;
    var d = JSON.parse(el.textContent);
    var t = names.dataset;
    var share = C.base();
    share.scales = { y: C.percentAxis(t.share) };
    share.plugins.tooltip = { callbacks: { label: C.percentLabel } };
    share.plugins.legend = { display: false };
    draw("card-share-chart", {
      type: "line",
      data: {
        labels: d.months,
        datasets: [{
          label: t.share, data: d.share, spanGaps: true, borderColor: "#1e7b34",
          backgroundColor: "#1e7b34", pointRadius: 4, borderWidth: 3,
        }],
      },
      options: share,
    });
    var volume = C.base();
    volume.scales = { y: C.countAxis(t.requests) };
    draw("card-volume-chart", {
      type: "bar",
      data: {
        labels: d.months,
        datasets: [
          { label: t.received, data: d.received, backgroundColor: "#7fb3d5" },
          { label: t.completed, data: d.completed, backgroundColor: "#0b4f6c" },
          { label: t.rejected, data: d.rejected, backgroundColor: "#a45a00" },
        ],
      },
      options: volume,
    });
    var complaints = C.base();
    complaints.indexAxis = "y";
    complaints.scales = { x: C.countAxis(t.count) };
    complaints.plugins.legend = { display: false };
    draw("card-complaints-chart", {
      type: "bar",
      data: {
        labels: [t.complaints, t.answered],
        datasets: [{ label: t.count, data: d.complaints, backgroundColor: ["#0b4f6c", "#1e7b34"] }],
      },
      options: complaints,
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
