(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F"];
  var NS = "http://www.w3.org/2000/svg";
  var days = data.dates, n = days.length;
  var state = { view: 0, range: "All", from: 0, cursor: n - 1 };
  var chart = document.getElementById("value-chart");
  var readout = document.getElementById("value-readout");
  if (!chart || n === 0) return;

  function money(c) {
    if (c === null || c === undefined) return "unknown";
    var neg = c < 0, a = Math.abs(c), whole = Math.floor(a / 100), cents = a % 100;
    var s = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + (cents < 10 ? "0" : "") + cents;
    return (neg ? "-" : "") + s;
  }
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function colour(i) { return PALETTE[i % PALETTE.length]; }
  function parseDay(s) { var p = s.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function startFor(range) {
    if (range === "All") return 0;
    var last = parseDay(days[n - 1]), d = new Date(last), t;
    if (range === "1M") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, d.getUTCDate());
    else if (range === "6M") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 6, d.getUTCDate());
    else if (range === "1Y") t = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
    else t = Date.UTC(d.getUTCFullYear(), 0, 1);
    var target = iso(t);
    for (var i = 0; i < n; i++) if (days[i] >= target) return i;
    return n - 1;
  }

  function niceStep(span) {
    var raw = span / 4, mag = Math.pow(10, Math.floor(Math.log10(raw || 1))), r = raw / mag;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * mag;
  }
  function short(c) {
    var v = c / 100, a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toFixed(a >= 1e10 ? 0 : 1) + "B";
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + "M";
    if (a >= 1e3) return (v / 1e3).toFixed(a >= 1e4 ? 0 : 1) + "k";
    return v.toFixed(0);
  }

  var geom = null;
  function draw() {
    var view = data.views[state.view], from = state.from, count = n - from;
    var width = Math.max(300, Math.round(chart.clientWidth || 800));
    var height = width < 600 ? 240 : 340;
    var m = { l: width < 600 ? 44 : 64, r: 12, t: 10, b: 26 };
    var w = width - m.l - m.r, h = height - m.t - m.b;
    var max = 0, min = 0, i, a;
    var stacks = [];
    for (i = from; i < n; i++) {
      var up = 0;
      for (a = 0; a < data.assets.length; a++) { var v = view.assets[a][i]; if (v > 0) up += v; }
      var tot = view.total[i];
      if (up > max) max = up;
      if (tot !== null && tot > max) max = tot;
      if (tot !== null && tot < min) min = tot;
    }
    if (max === min) max = min + 100;
    var step = niceStep(max - min), lo = Math.floor(min / step) * step, hi = Math.ceil(max / step) * step;
    function x(k) { return m.l + (count === 1 ? w / 2 : (k - from) * w / (count - 1)); }
    function y(c) { return m.t + h - (c - lo) * h / (hi - lo); }
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", width); svg.setAttribute("height", height);
    svg.setAttribute("tabindex", "0");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Portfolio value from " + days[from] + " to " + days[n - 1] + ", " + view.name +
      ", stacked by asset with the total as a line. Use the left and right arrow keys to read each day.");
    var grid = el("g", { "class": "grid" }, svg), axis = el("g", { "class": "axis" }, svg);
    for (var t = lo; t <= hi + step / 2; t += step) {
      el("line", { x1: m.l, x2: m.l + w, y1: y(t), y2: y(t) }, grid);
      var label = el("text", { x: m.l - 6, y: y(t) + 4, "text-anchor": "end" }, axis);
      label.textContent = short(t);
    }
    var ticks = width < 600 ? 3 : 6;
    for (var q = 0; q <= ticks; q++) {
      var k = from + Math.round(q * (count - 1) / ticks);
      var lx = el("text", { x: x(k), y: height - 6, "text-anchor": q === 0 ? "start" : q === ticks ? "end" : "middle" }, axis);
      lx.textContent = count > 400 ? days[k].slice(0, 7) : days[k];
    }
    var base = new Array(count).fill(0);
    for (a = 0; a < data.assets.length; a++) {
      var top = [], any = false;
      for (i = from; i < n; i++) { var va = view.assets[a][i]; var p = va > 0 ? va : 0; if (p) any = true; top.push(base[i - from] + p); }
      if (!any) continue;
      var d = "M" + x(from).toFixed(1) + "," + y(top[0]).toFixed(1);
      for (i = 1; i < count; i++) d += "L" + x(from + i).toFixed(1) + "," + y(top[i]).toFixed(1);
      for (i = count - 1; i >= 0; i--) d += "L" + x(from + i).toFixed(1) + "," + y(base[i]).toFixed(1);
      el("path", { d: d + "Z", fill: colour(a), "fill-opacity": "0.85", stroke: "none" }, svg);
      base = top;
    }
    var line = "", pen = false;
    for (i = from; i < n; i++) {
      var tv = view.total[i];
      if (tv === null) { pen = false; continue; }
      line += (pen ? "L" : "M") + x(i).toFixed(1) + "," + y(tv).toFixed(1); pen = true;
    }
    el("path", { d: line, fill: "none", stroke: "currentColor", "stroke-width": "2", "class": "total-line" }, svg);
    var cursor = el("line", { y1: m.t, y2: m.t + h, stroke: "currentColor", "stroke-dasharray": "3 3" }, svg);
    chart.replaceChildren(svg);
    geom = { svg: svg, x: x, from: from, count: count, m: m, w: w, cursor: cursor };
    svg.addEventListener("pointermove", function (e) {
      var r = svg.getBoundingClientRect(), px = (e.clientX - r.left) * width / r.width;
      var k = Math.round((px - m.l) * (count - 1) / w) + from;
      setCursor(Math.min(n - 1, Math.max(from, k)));
    });
    svg.addEventListener("keydown", function (e) {
      var k = state.cursor, big = Math.max(1, Math.round(count / 10));
      if (e.key === "ArrowLeft") k--; else if (e.key === "ArrowRight") k++;
      else if (e.key === "PageUp") k -= big; else if (e.key === "PageDown") k += big;
      else if (e.key === "Home") k = from; else if (e.key === "End") k = n - 1; else return;
      e.preventDefault();
      setCursor(Math.min(n - 1, Math.max(from, k)));
    });
    setCursor(state.cursor >= from ? state.cursor : n - 1);
    fillTable();
  }

  function setCursor(k) {
    state.cursor = k;
    var cx = geom.x(k).toFixed(1);
    geom.cursor.setAttribute("x1", cx); geom.cursor.setAttribute("x2", cx);
    var view = data.views[state.view];
    var parts = [];
    for (var a = 0; a < data.assets.length; a++) {
      var v = view.assets[a][k];
      if (v === null || v === undefined) continue;
      parts.push('<span><span class="sw" data-c="' + a + '"></span>' + esc(data.assets[a]) + " " + money(v) + "</span>");
    }
    readout.innerHTML = "<b>" + days[k] + "</b> · total <b>" + money(view.total[k]) + " " + esc(data.currency) + "</b><br>" + parts.join(" · ");
    paintSwatches(readout);
  }

  function paintSwatches(root) {
    var sw = root.querySelectorAll(".sw[data-c]");
    for (var i = 0; i < sw.length; i++) sw[i].style.background = colour(+sw[i].getAttribute("data-c"));
  }

  var tableBox = document.getElementById("value-table");
  function fillTable() {
    if (!tableBox.open) return;
    var view = data.views[state.view];
    var head = "<tr><th scope=col>date</th>" + data.assets.map(function (s) { return '<th scope=col class="n">' + esc(s) + "</th>"; }).join("") +
      '<th scope=col class="n">total</th></tr>';
    var rows = [];
    for (var i = n - 1; i >= state.from; i--) {
      var cells = "<th scope=row>" + days[i] + "</th>";
      for (var a = 0; a < data.assets.length; a++) {
        var v = view.assets[a][i];
        cells += '<td class="n">' + (v === null || v === undefined ? "" : money(v)) + "</td>";
      }
      rows.push("<tr>" + cells + '<td class="n">' + (view.total[i] === null ? "" : money(view.total[i])) + "</td></tr>");
    }
    tableBox.querySelector(".tbl").innerHTML = "<table><caption>Value per asset and day, " + esc(view.name) + ", " + esc(data.currency) +
      " (newest first)</caption><thead>" + head + "</thead><tbody>" + rows.join("") + "</tbody></table>";
  }
  tableBox.addEventListener("toggle", fillTable);

  var legend = document.getElementById("value-legend");
  legend.innerHTML = data.assets.map(function (s, a) { return '<li><span class="sw" data-c="' + a + '"></span>' + esc(s) + "</li>"; }).join("") +
    '<li><span class="sw total-sw"></span>total (line)</li>';
  paintSwatches(legend);
  legend.querySelector(".total-sw").style.background = "currentColor";

  var select = document.getElementById("value-account");
  data.views.forEach(function (v, i) { var o = document.createElement("option"); o.value = i; o.textContent = v.name; select.appendChild(o); });
  select.addEventListener("change", function () { state.view = +select.value; draw(); });
  var buttons = document.querySelectorAll("#value-ranges button");
  Array.prototype.forEach.call(buttons, function (b) {
    b.addEventListener("click", function () {
      Array.prototype.forEach.call(buttons, function (o) { o.setAttribute("aria-pressed", String(o === b)); });
      state.range = b.getAttribute("data-range"); state.from = startFor(state.range); draw();
    });
  });
  document.getElementById("value-controls").hidden = false;
  var pending = 0;
  window.addEventListener("resize", function () { cancelAnimationFrame(pending); pending = requestAnimationFrame(draw); });
  draw();
  document.documentElement.setAttribute("data-ready", "1");
})();
