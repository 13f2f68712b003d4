// Dashboard SLA trend: requests received and completed (bars, a count axis on the left) and the
// share completed on time (line, its own 0-100 % axis on the right). Data from the json_script
// block "dash-data", labels from #dash-labels; the figures are in the table under the chart.
(function () {
  "use strict";
  function start() {
    var el = document.getElementById("dash-data");
    var names = document.getElementById("dash-labels");
    var canvas = document.getElementById("dash-sla-chart");
    if (!el || !names || !canvas || typeof Chart === "undefined" || !window.SigapCharts) return;
    var C = window.SigapCharts;
    var d = JSON.parse(el.textContent);
    var t = names.dataset;
    var options = C.base();
    options.scales = {
      y: C.countAxis(t.requests, { position: "left" }),
      share: C.percentAxis(t.share, { position: "right", grid: { drawOnChartArea: false } }),
    };
    options.plugins.tooltip = {
      callbacks: {
        label: function (context) {
          return context.dataset.yAxisID === "share"
            ? C.percentLabel(context)
            : context.dataset.label + ": " + context.formattedValue;
        },
      },
    };
    new Chart(canvas, {
      data: {
        labels: d.months,
        datasets: [
          {
            type: "line", label: t.share, yAxisID: "share", borderColor: "#1e7b34",
            backgroundColor: "#1e7b34", borderWidth: 3, pointRadius: 4, spanGaps: true, data: d.share,
          },
          { type: "bar", label: t.received, yAxisID: "y", data: d.received, backgroundColor: "#7fb3d5" },
          { type: "bar", label: t.completed, yAxisID: "y", data: d.completed, backgroundColor: "#0b4f6c" },
        ],
      },
      options: options,
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
