// Competency chart on the candidate profile (Chart.js, vendored).
(function () {
  const canvas = document.getElementById("competency-chart");
  const source = document.getElementById("competency-data");
  if (!canvas || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: "Latest score (1–5)", data: data.scores, backgroundColor: "rgba(13, 110, 253, 0.6)" }],
    },
    options: {
      indexAxis: "y",
      animation: false,
      scales: { x: { min: 0, max: 5, ticks: { stepSize: 1 } } },
      plugins: { legend: { display: false } },
    },
  });
})();
