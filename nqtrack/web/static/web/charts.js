/* Draw every chart of the page with vega-embed, from the Vega-Lite specification the server put in a
   <script type="application/json"> block (the same one the PNG/SVG documents are rendered from).
   Content-Security-Policy friendly: expressions are interpreted (ast: true, no eval), and vega-embed and
   the tooltip add no <style> element (their look is in site.css). Charts fill their container's width. */
(function () {
  "use strict";

  function draw(element) {
    var source = document.getElementById(element.dataset.chartSpec);
    if (!source || !window.vegaEmbed || element.dataset.drawn) { return; }
    var spec = JSON.parse(source.textContent);
    if (!spec.projection && !(spec.layer && spec.layer.some(function (l) { return l.projection; }))) {
      spec.width = "container";
      spec.autosize = { type: "fit-x", contains: "padding" };
    }
    element.dataset.drawn = "1";
    window.vegaEmbed(element, spec, {
      actions: false,
      ast: true,
      defaultStyle: false,
      renderer: "svg",
      tooltip: { disableDefaultStyle: true }
    }).catch(function (error) {
      element.dataset.drawn = "";
      element.textContent = element.dataset.error || "";
      if (window.console) { window.console.warn(error); }
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart-spec]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // Filters swap part of the page with htmx: draw the charts that came in.
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
