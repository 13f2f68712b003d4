// SKM charts: average per element (bars on a 1-4 axis, priorities highlighted) and the index
// over the semesters (a 25-100 axis). Data comes from json_script blocks, axis titles from
// #skm-labels; the same figures are in the tables beside the charts. Nothing inline (CSP).
(function () {
  "use strict";
  function read(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function start() {
    if (typeof Chart === "undefined" || !window.SigapCharts) return;
    var C = window.SigapCharts;
    var names = (document.getElementById("skm-labels") || { dataset: {} }).dataset;
    var elements = read("skm-elements");
    var canvas = document.getElementById("skm-elements-chart");
    if (elements && canvas) {
      var options = C.base();
      options.indexAxis = "y";
      options.plugins.legend = { display: false };
      options.scales = { x: { min: 1, max: 4, ticks: { stepSize: 0.5 }, title: { display: true, text: names.nrr || "" } } };
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: elements.labels,
          datasets: [{
            label: names.nrr || "NRR",
            data: elements.values,
            backgroundColor: elements.priority.map(function (p) { return p ? "#a45a00" : "#0b4f6c"; }),
          }],
        },
        options: options,
      });
    }
    var trend = read("skm-trend");
    var trendCanvas = document.getElementById("skm-trend-chart");
    if (trend && trendCanvas) {
      var labels = trend.labels || trend.map(function (p) { return p.label; });
      var values = trend.values || trend.map(function (p) { return p.score; });
      var trendOptions = C.base();
      trendOptions.plugins.legend = { display: false };
      trendOptions.scales = { y: { min: 25, max: 100, title: { display: true, text: names.index || "" } } };
      new Chart(trendCanvas, {
        type: "line",
        data: { labels: labels, datasets: [{ label: names.index || "IKM", data: values, spanGaps: true, borderColor: "#1e7b34", backgroundColor: "#1e7b34", borderWidth: 3, pointRadius: 5 }] },
        options: trendOptions,
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
