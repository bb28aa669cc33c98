// Draws the dyad chart into <svg id="dyad-chart"> from the JSON in <script id="dyad-data">:
// bars of events per period stacked by QuadClass (left axis), mean Goldstein as a line (right axis, -10..10).
"use strict";
(function () {
  var svg = document.getElementById("dyad-chart");
  var source = document.getElementById("dyad-data");
  if (!svg || !source) { return; }
  var series = JSON.parse(source.textContent || "[]");
  var labelSource = document.getElementById("dyad-labels");  // the interface's words, in its language
  var L = labelSource ? JSON.parse(labelSource.textContent || "{}") : {};
  var NS = "http://www.w3.org/2000/svg";
  var W = 900, H = 360, left = 44, right = 44, top = 16, bottom = 48;
  var plotW = W - left - right, plotH = H - top - bottom;
  var KEYS = [["q1_verbal_coop", "q1", L.q1], ["q2_material_coop", "q2", L.q2],
              ["q3_verbal_conflict", "q3", L.q3], ["q4_material_conflict", "q4", L.q4]];

  function el(name, attrs, text, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    (parent || svg).appendChild(node);
    return node;
  }

  if (!series.length) {
    el("text", {x: W / 2, y: H / 2, "text-anchor": "middle"}, L.none);
    svg.setAttribute("data-drawn", "0");
    return;
  }
  var maxCount = Math.max.apply(null, series.map(function (p) { return p.events; }));
  var step = maxCount <= 5 ? 1 : Math.ceil(maxCount / 5);
  var yMax = Math.ceil(maxCount / step) * step;
  var slot = plotW / series.length, barW = Math.max(2, Math.min(48, slot * 0.7));
  function yCount(v) { return top + plotH - (v / yMax) * plotH; }
  function yGold(g) { return top + plotH / 2 - (g / 10) * (plotH / 2); }

  for (var v = 0; v <= yMax; v += step) {
    el("line", {x1: left, x2: W - right, y1: yCount(v), y2: yCount(v), "class": "grid-line", stroke: "#e3e7ee"});
    el("text", {x: left - 6, y: yCount(v) + 4, "text-anchor": "end"}, String(v));
  }
  [-10, -5, 0, 5, 10].forEach(function (g) {
    el("text", {x: W - right + 6, y: yGold(g) + 4}, (g > 0 ? "+" : "") + g);
  });
  el("line", {x1: left, x2: W - right, y1: yGold(0), y2: yGold(0), "class": "zero"});

  var bars = 0, labelEvery = Math.ceil(series.length / 12), points = [];
  series.forEach(function (p, i) {
    var x = left + i * slot + (slot - barW) / 2, base = 0;
    var link = p.href && p.events ? el("a", {href: p.href, "class": "bar-link"}) : null;
    KEYS.forEach(function (k) {
      var n = p[k[0]] || 0;
      if (!n) { return; }
      var rect = el("rect", {x: x, y: yCount(base + n), width: barW, height: yCount(base) - yCount(base + n),
                             "class": "bar " + k[1]}, undefined, link);
      var title = document.createElementNS(NS, "title");
      title.textContent = (p.label || p.period) + ": " + n + " " + k[2];
      rect.appendChild(title);
      base += n; bars += 1;
    });
    if (i % labelEvery === 0) {
      el("text", {x: x + barW / 2, y: H - bottom + 16, "text-anchor": "middle"}, String(p.label || p.period));
    }
    if (p.mean_goldstein !== null && p.mean_goldstein !== undefined) {
      points.push([x + barW / 2, yGold(p.mean_goldstein), p]);
    }
  });
  if (points.length) {
    el("polyline", {points: points.map(function (q) { return q[0] + "," + q[1]; }).join(" "), "class": "goldstein"});
    points.forEach(function (q) {
      var dot = el("circle", {cx: q[0], cy: q[1], r: 3.5, "class": "goldstein-point"});
      var title = document.createElementNS(NS, "title");
      title.textContent = (q[2].label || q[2].period) + ": " + L.mean + " " + q[2].mean_goldstein.toFixed(2);
      dot.appendChild(title);
    });
  }
  el("text", {x: left, y: H - 10}, L.bars);
  el("text", {x: W - right, y: H - 10, "text-anchor": "end"}, L.line);
  var lx = left + 170;
  KEYS.forEach(function (k, i) {
    el("rect", {x: lx + i * 120, y: H - 20, width: 10, height: 10, "class": "bar " + k[1]});
    el("text", {x: lx + i * 120 + 14, y: H - 11}, k[2]);
  });
  svg.setAttribute("data-drawn", String(bars));
})();
