// Shared Chart.js settings for every chart of Sigap: charts fill their box (the box, not the
// canvas, sets the height, so a phone gets a readable chart instead of a 20 px strip), no
// animation, Indonesian number formatting, and helpers for the two kinds of axis we draw.
(function () {
  "use strict";
  var number = new Intl.NumberFormat("id-ID");
  window.SigapCharts = {
    base: function () {
      return {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } } },
      };
    },
    // A count axis: whole numbers from zero, with its title (the unit).
    countAxis: function (title, extra) {
      return Object.assign({
        beginAtZero: true,
        grace: "10%",
        title: { display: true, text: title },
        ticks: { precision: 0, callback: function (v) { return number.format(v); } },
      }, extra || {});
    },
    // A percentage axis: always 0-100 %, whatever the data.
    percentAxis: function (title, extra) {
      return Object.assign({
        min: 0, max: 100,
        title: { display: true, text: title },
        ticks: { stepSize: 20, callback: function (v) { return number.format(v) + " %"; } },
      }, extra || {});
    },
    percentLabel: function (context) {
      var v = context.parsed.y;
      return context.dataset.label + ": " + (v === null ? "-" : number.format(v) + " %");
    },
  };
})();
