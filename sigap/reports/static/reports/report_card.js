// Draws the monthly on-time share from the json_script data (no inline script: CSP).
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("sla-data");
  const canvas = document.getElementById("sla-chart");
  if (!el || !canvas || typeof Chart === "undefined") return;
  const rows = JSON.parse(el.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: rows.map((r) => r.month),
      datasets: [
        { label: "%", data: rows.map((r) => (r.share_on_time === null ? null : r.share_on_time * 100)) },
      ],
    },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
});
