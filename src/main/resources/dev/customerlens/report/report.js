// Draws every figure of the report. A figure that fails says so in its card instead of leaving a
// blank space, and each drawn chart is marked data-drawn="true" so tests and readers can tell.
(function () {
  var figures = JSON.parse(document.getElementById("lens-figures").textContent);
  function fail(element, message) {
    element.innerHTML = "";
    var note = document.createElement("div");
    note.className = "chart-error";
    note.textContent = "This chart could not be drawn: " + message;
    element.appendChild(note);
    element.setAttribute("data-drawn", "false");
  }
  document.querySelectorAll(".chart[data-figure]").forEach(function (element) {
    var figure = figures[element.getAttribute("data-figure")];
    try {
      if (typeof Plotly === "undefined") throw new Error("plotly.js did not load");
      Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displaylogo: false })
        .then(function () { element.setAttribute("data-drawn", "true"); })
        .catch(function (error) { fail(element, String(error)); });
    } catch (error) {
      fail(element, String(error && error.message || error));
    }
  });
})();
