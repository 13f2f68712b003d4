// SKM charts: average per element (bars, priorities highlighted) and the index over semesters.
// Data comes from json_script blocks; nothing inline (CSP).
(function () {
  "use strict";
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function start() {
    if (typeof Chart === "undefined") return;
    var elements = read("skm-elements");
    var canvas = document.getElementById("skm-elements-chart");
    if (elements && canvas) {
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: elements.labels,
          datasets: [{
            label: "NRR",
            data: elements.values,
            backgroundColor: elements.priority.map(function (p) { return p ? "#b45309" : "#1d4ed8"; }),
          }],
        },
        options: {
          animation: false,
          indexAxis: "y",
          scales: { x: { min: 1, max: 4 } },
          plugins: { legend: { display: false } },
        },
      });
    }
    var trend = read("skm-trend");
    var trendCanvas = document.getElementById("skm-trend-chart");
    if (trend && trendCanvas) {
      var labels = trend.labels || trend.map(function (p) { return p.label; });
      var values = trend.values || trend.map(function (p) { return p.score; });
      new Chart(trendCanvas, {
        type: "line",
        data: { labels: labels, datasets: [{ label: "IKM", data: values, spanGaps: true, borderColor: "#15803d", pointRadius: 5 }] },
        options: { animation: false, scales: { y: { min: 25, max: 100 } } },
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
