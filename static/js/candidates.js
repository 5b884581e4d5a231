// Competency chart on the candidate profile (Chart.js, vendored): the managers' latest
// rating and the rotation hosts' latest score, side by side, per competency.
(function () {
  const canvas = document.getElementById("competency-chart");
  const source = document.getElementById("competency-data");
  if (!canvas || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const datasets = [
    { label: "Managers' latest rating", data: data.scores, backgroundColor: "rgba(13, 110, 253, 0.6)" },
  ];
  if (data.host && data.host.some(function (v) { return v !== null; })) {
    datasets.push({ label: "Rotation host's score", data: data.host, backgroundColor: "rgba(25, 135, 84, 0.5)" });
  }
  new window.Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: datasets },
    options: {
      indexAxis: "y",
      animation: false,
      scales: { x: { min: 0, max: 5, ticks: { stepSize: 1 } } },
      plugins: { legend: { display: datasets.length > 1 } },
    },
  });
})();

// Latest ratings against each nominated position's targets (one chart per position).
(function () {
  if (!window.Chart) return;
  document.querySelectorAll("canvas.target-chart").forEach(function (canvas) {
    const source = document.getElementById(canvas.dataset.source);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Latest rating", data: data.scores, backgroundColor: "rgba(13, 110, 253, 0.6)" },
          { label: "Target", data: data.target, backgroundColor: "rgba(255, 193, 7, 0.55)" },
        ],
      },
      options: {
        indexAxis: "y",
        animation: false,
        scales: { x: { min: 0, max: 5, ticks: { stepSize: 1 } } },
      },
    });
  });
})();
