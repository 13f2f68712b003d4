// Dashboard SLA trend: on-time share (line) over received/completed (bars). Data from the
// json_script block "dash-data", labels from #dash-labels; no inline script (CSP).
(function () {
  "use strict";
  function start() {
    var el = document.getElementById("dash-data");
    var names = document.getElementById("dash-labels");
    var canvas = document.getElementById("dash-sla-chart");
    if (!el || !names || !canvas || typeof Chart === "undefined") return;
    var d = JSON.parse(el.textContent);
    var t = names.dataset;
    new Chart(canvas, {
      data: {
        labels: d.months,
        datasets: [
          {
            type: "line", label: t.share, yAxisID: "share", borderColor: "#15803d", spanGaps: true,
            data: d.share.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; }),
          },
          { type: "bar", label: t.received, data: d.received, backgroundColor: "#93c5fd" },
          { type: "bar", label: t.completed, data: d.completed, backgroundColor: "#1d4ed8" },
        ],
      },
      options: {
        animation: false,
        scales: { share: { position: "right", min: 0, max: 100 }, y: { beginAtZero: true } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
