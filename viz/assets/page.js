/* casegraph page: draws the precomputed figure with vis-network, physics off.
 * Every text from the data is set with textContent or drawn on the canvas:
 * never parsed as markup. No network access (the page's CSP forbids it). */
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var styles = data.styles;
  var still = document.body.classList.contains("still");

  function nodeStyle(n) {
    if (n.variant === "declined") return styles.nodes._declined;
    return styles.nodes[n.kind] || styles.nodes._fallback;
  }
  function lineStyle(status) { return styles.lines[status] || styles.lines.alleged; }

  function visNode(n) {
    var st = nodeStyle(n), fill = n.colour || st.colour;
    var line = lineStyle(n.status || "reported");
    var border = n.restricted ? styles.restricted : st.border;
    var node = {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape || st.shape, size: n.size, hidden: !!n.more,
      color: { background: fill, border: border,
               highlight: { background: fill, border: "#000000" },
               hover: { background: fill, border: "#000000" } },
      borderWidth: n.count ? 4 : (n.restricted ? 3 : 1.5),
      borderWidthSelected: 4,
      shapeProperties: { borderDashes: line.dashes },
      font: st.inside
        ? { color: st.font, size: 14, face: "Liberation Sans, DejaVu Sans, Arial, sans-serif" }
        : { color: "#1a1a1a", size: n.count ? 16 : 14, strokeWidth: 4, strokeColor: "#ffffff",
            face: "Liberation Sans, DejaVu Sans, Arial, sans-serif" }
    };
    if (st.inside) {
      node.widthConstraint = { maximum: st.shape === "circle" ? 130 : 190 };
      node.margin = 8;
    }
    return node;
  }

  function visEdge(e) {
    var line = lineStyle(e.status);
    var colour = e.restricted ? styles.restricted : (e.colour || (e.faint ? "#c9c9c9" : "#5f5f5f"));
    var edge = {
      id: e.id, from: e.from, to: e.to, width: e.width || line.width, dashes: line.dashes,
      color: { color: colour, highlight: "#000000", hover: "#000000", inherit: false },
      arrows: e.arrow ? { to: { enabled: true, scaleFactor: 0.45 } } : { to: { enabled: false } },
      smooth: false
    };
    if (e.contested) {  /* its sources disagree on a value: the amber band of the legend */
      edge.background = { enabled: true, color: styles.contested.colour, size: styles.contested.size };
    }
    if (e.label) {
      edge.label = e.label;
      edge.font = { size: 11, color: "#444444", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" };
    }
    return edge;
  }

  var info = {}, asks = {};
  data.nodes.forEach(function (n) { info["n" + n.id] = n.tip; asks["n" + n.id] = "/tip/node/" + encodeURIComponent(n.id); });
  data.edges.forEach(function (e) {
    info["e" + e.id] = e.tip;
    asks["e" + e.id] = "/tip/relationship/" + encodeURIComponent(e.id) + "?from=" + encodeURIComponent(e.from) +
      "&to=" + encodeURIComponent(e.to);
  });
  /* A tooltip the page does not hold (the explorer's pages: `tips` false) is asked of the server it came
     from once, then kept; `then(tip)` gets it, or a heading that says it could not be had. */
  function tipOf(key, then) {
    if (info[key] || data.tips !== false) { then(info[key]); return; }
    fetch(asks[key], { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (tip) { info[key] = tip; then(tip); })
      .catch(function () { then({ h: "The facts and sources could not be loaded: reload the page", f: [], s: [] }); });
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var big = data.nodes.length > 2000;
  var options = {
    autoResize: !still,
    physics: false,
    layout: { improvedLayout: false },
    nodes: { scaling: { label: { drawThreshold: still ? 3 : 6 } } },
    edges: { smooth: false, selectionWidth: 1.5 },
    interaction: { hover: !still, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 120,
                   keyboard: { enabled: true, bindToWindow: false }, multiselect: false,
                   dragNodes: !big, navigationButtons: false }
  };
  if (data.physics) {  /* only the benchmark asks for physics, to measure it */
    options.physics = data.physics;
  }
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  /* fit nodes AND guides (vis's own fit ignores what is drawn beneath) */
  function fitAll() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    function take(x, y) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    data.nodes.forEach(function (n) {
      if (n.more) return;  /* fit what is shown first */
      var half = (n.label || "").length * 3.9;
      take(n.x - Math.max(n.size, half), n.y - n.size);
      take(n.x + Math.max(n.size, half), n.y + n.size + 24);
    });
    data.guides.forEach(function (g) {
      if (g.kind === "text") {
        var w = g.text.length * g.size * 0.6;
        take(g.x2 < 0 ? g.x - w : g.x, g.y - g.size);
        take(g.x2 < 0 ? g.x : g.x + w, g.y + g.size);
      } else { take(g.x, g.y); take(g.x2, g.y2); }
    });
    if (!isFinite(x0)) return;
    var width = container.clientWidth || 800, height = container.clientHeight || 600;
    var scale = 0.96 * Math.min(width / Math.max(x1 - x0, 1), height / Math.max(y1 - y0, 1));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: Math.min(scale, 2.5), animation: false });
  }
  if (!data.physics) fitAll();

  var bandFill = ["rgba(0,0,0,0.035)", "rgba(0,0,0,0.0)", "rgba(230,159,0,0.22)"];
  network.on("beforeDrawing", function (ctx) {
    data.guides.forEach(function (g) {
      if (g.kind === "band") {
        ctx.fillStyle = bandFill[g.shade] || bandFill[0];
        ctx.fillRect(g.x, g.y, g.x2 - g.x, g.y2 - g.y);
      } else if (g.kind === "line") {
        ctx.strokeStyle = g.shade === 2 ? "rgba(230,159,0,0.55)" : "rgba(0,0,0,0.18)";
        ctx.lineWidth = g.shade === 2 ? 10 : 2;
        ctx.lineCap = "round";
        ctx.beginPath(); ctx.moveTo(g.x, g.y); ctx.lineTo(g.x2, g.y2); ctx.stroke();
      } else if (g.kind === "text") {
        ctx.font = "bold " + g.size + "px Liberation Sans, DejaVu Sans, Arial, sans-serif";
        ctx.fillStyle = "#555555";
        ctx.textAlign = g.x2 < 0 ? "right" : "left";
        ctx.textBaseline = "middle";
        ctx.fillText(g.text, g.x, g.y);
      }
    });
  });

  function fill(box, tip) {
    box.textContent = "";
    if (!tip) return;
    var heading = document.createElement("div");
    heading.className = "tip-heading";
    heading.textContent = tip.h;
    box.appendChild(heading);
    var list = document.createElement("dl");
    list.className = "tip-facts";
    (tip.f || []).forEach(function (row) {
      var dt = document.createElement("dt"); dt.textContent = row[0];
      var dd = document.createElement("dd"); dd.textContent = row[1];
      list.appendChild(dt); list.appendChild(dd);
    });
    box.appendChild(list);
    if (tip.s && tip.s.length) {
      var title = document.createElement("div");
      title.className = "tip-sources-title";
      title.textContent = tip.s.length === 1 ? "Source" : "Sources";
      box.appendChild(title);
      var sources = document.createElement("ul");
      sources.className = "tip-sources";
      tip.s.forEach(function (s) { var li = document.createElement("li"); li.textContent = s; sources.appendChild(li); });
      box.appendChild(sources);
    }
  }

  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");
  var hovered = null;
  function show(key, pointer) {
    hovered = key;
    var rect = container.getBoundingClientRect();
    tipOf(key, function (tip) {
      if (hovered !== key) return;  /* the pointer has moved on while it loaded */
      fill(tooltip, tip);
      tooltip.style.left = Math.min(rect.left + pointer.x + 14, window.innerWidth - 440) + "px";
      tooltip.style.top = (rect.top + pointer.y + 14) + "px";
      tooltip.hidden = false;
    });
  }
  function hide() { hovered = null; tooltip.hidden = true; }
  network.on("hoverNode", function (p) { show("n" + p.node, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { show("e" + p.edge, p.pointer.DOM); });
  network.on("blurNode", hide);
  network.on("blurEdge", hide);
  network.on("dragStart", hide);
  network.on("click", function (p) {
    var key = p.nodes.length ? "n" + p.nodes[0] : (p.edges.length ? "e" + p.edges[0] : null);
    if (!key) { details.hidden = true; return; }
    tipOf(key, function (tip) {
      fill(details, tip);
      var close = document.createElement("button");
      close.type = "button"; close.textContent = "close";
      close.addEventListener("click", function () { details.hidden = true; });
      details.insertBefore(close, details.firstChild);
      details.hidden = false;
    });
  });

  /* "Show everything": nodes left out of the first picture (the overview's `more`), one click away */
  var more = data.nodes.filter(function (n) { return n.more; }).map(function (n) { return n.id; });
  var toggle = document.getElementById("show-more");
  if (toggle && more.length) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var showing = toggle.getAttribute("aria-pressed") === "true";
      nodes.update(more.map(function (id) { return { id: id, hidden: showing }; }));
      toggle.setAttribute("aria-pressed", showing ? "false" : "true");
      toggle.textContent = showing ? toggle.getAttribute("data-show") : toggle.getAttribute("data-hide");
    });
  }

  var state = { network: network, nodes: nodes, edges: edges, drawnMs: null, drawnAt: null, stabilizedMs: null, stabilizedAt: null, view: data.view };
  window.casegraph = state;
  network.once("afterDrawing", function () {
    state.drawnMs = performance.now() - started;
    state.drawnAt = performance.now();  /* since navigation start: parse, data and drawing */
    requestAnimationFrame(function () { document.documentElement.setAttribute("data-state", "drawn"); });
  });
  network.on("stabilized", function () {
    if (state.stabilizedMs === null) {
      state.stabilizedMs = performance.now() - started;
      state.stabilizedAt = performance.now();
    }
  });
})();
