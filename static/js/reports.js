// Trends on /reports/ (Chart.js, vendored): one line per series, months across.
(function () {
  if (!window.Chart) return;
  const colours = ["#0d6efd", "#198754", "#fd7e14", "#dc3545", "#6f42c1", "#20c997"];
  document.querySelectorAll("canvas.trend-chart").forEach(function (canvas) {
    const source = document.getElementById(canvas.dataset.source);
    if (!source) return;
    const chart = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            borderColor: colours[index % colours.length],
            backgroundColor: colours[index % colours.length],
            spanGaps: true,
            tension: 0.2,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
  });
})();
