// Draws every <script type="application/json" class="vega-spec"> as a chart in the element
// named by its data-target. Expressions run through vega-interpreter, so the page needs no
// 'unsafe-eval' in its Content-Security-Policy.
import { expressionInterpreter } from "vega-interpreter";

const options = { ast: true, expr: expressionInterpreter, actions: false, renderer: "svg" };

export function drawCharts(root = document) {
  for (const block of root.querySelectorAll("script.vega-spec")) {
    const target = document.getElementById(block.dataset.target);
    if (!target || target.dataset.drawn) continue;
    target.dataset.drawn = "1";
    globalThis.vegaEmbed(target, JSON.parse(block.textContent), options).catch((error) => {
      target.textContent = "The chart could not be drawn: " + error.message;
    });
  }
}

drawCharts();
document.addEventListener("htmx:afterSettle", (event) => drawCharts(event.target));
