/* The kg explorer's graph view: reads the JSON block and drives vis-network (what is shown, highlight, focus,
   legend, search); panel.js shows an entity or a link in the side panel. Text is only ever set with textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n, i) { byId[n.id] = n; n.rank = i; });  // nodes come most important first
  var typeOn = {};
  var typeNames = data.typeOrder;
  data.nodes.forEach(function (n) { if (!(n.type in typeOn)) { typeOn[n.type] = true; } });
  var minWeight = data.minWeight;
  var colorMode = "community";
  var backboneOnly = true;   // the first view: each entity's strongest links only
  var showLonely = false;    // entities none of whose links is shown
  var focusId = null;        // focus mode: an entity and its neighbours only
  var dayFrom = null, dayTo = null;  // the date range shown (day numbers), null: no limit
  var pinned = {};           // an entity found by search or a link, shown even without a shown link
  var LABEL_PX = 13, TOP_LABELS = 30, DIM = 0.12, MAX_RELATIONS = 12;
  var relations = {};   // node id -> [edge, ...] typed relations
  var incident = {};    // node id -> [edge, ...] every edge
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    if (e.rel !== "co_occurs") {
      (relations[e.from] = relations[e.from] || []).push(e);
      (relations[e.to] = relations[e.to] || []).push(e);
    }
    (incident[e.from] = incident[e.from] || []).push(e);
    (incident[e.to] = incident[e.to] || []).push(e);
  });
  function strongest(id) { return (byId[id].nb || []).map(function (i) { return data.edges[i]; }); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function spec(type) { return data.types[type] || data.other; }
  function communityColor(c) { return data.communityColors[c] || "#888888"; }
  function nodeColor(n) { return colorMode === "type" ? spec(n.type).color : communityColor(n.c); }
  function relationLabel(rel) { return data.relations[rel] || rel; }
  function dayText(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }
  function textDay(text) { return text ? Math.round(Date.parse(text + "T00:00:00Z") / 86400000) : null; }
  function dayIn(day) { return (dayFrom === null || day >= dayFrom) && (dayTo === null || day <= dayTo); }
  function dated() { return dayFrom !== null || dayTo !== null; }
  function nodeInRange(n) { return !dated() || (n.td || []).some(function (p) { return dayIn(p[0]); }); }
  function edgeInRange(e) {
    if (!dated()) { return true; }
    if (e.td) { return e.td.some(dayIn); }
    return nodeInRange(byId[e.from]) && nodeInRange(byId[e.to]);
  }

  var font = { face: data.font, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" };
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: spec(n.type).shape,
             color: nodeColor(n), type: n.type, font: font };
  }));
  function edgeColor(e) {
    var typed = e.rel !== "co_occurs";
    return { color: typed ? "#555" : "#8a8a8a", opacity: typed ? 0.8 : (e.s ? 0.55 : 0.25) };
  }
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var typed = e.rel !== "co_occurs";
    return { id: e.id, from: e.from, to: e.to, width: e.width, rel: e.rel, w: e.w || 0,
             dashes: typed, arrows: typed ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined,
             color: edgeColor(e) };
  }));

  // ---- what is shown: edges first, then the nodes they reach
  var edgeOn = {}, nodeOn = {};
  function nodeAllowed(n) { return typeOn[n.type] && nodeInRange(n); }
  function edgeVisible(e) {
    if (!nodeAllowed(byId[e.from]) || !nodeAllowed(byId[e.to]) || !edgeInRange(e)) { return false; }
    if (focusId !== null) { return e.from === focusId || e.to === focusId; }
    if (e.rel === "co_occurs" && e.w < minWeight) { return false; }
    return !backboneOnly || e.v === 1;
  }
  function computeShown() {
    edgeOn = {}; nodeOn = {};
    data.edges.forEach(function (e) {
      if (edgeVisible(e)) { edgeOn[e.id] = true; nodeOn[e.from] = true; nodeOn[e.to] = true; }
    });
    data.nodes.forEach(function (n) {
      if (!nodeAllowed(n)) { delete nodeOn[n.id]; }
      else if (focusId === null && showLonely) { nodeOn[n.id] = true; }
    });
    if (focusId !== null) { nodeOn[focusId] = true; }
    else { Object.keys(pinned).forEach(function (id) { if (nodeAllowed(byId[id])) { nodeOn[id] = true; } }); }
  }
  computeShown();
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return nodeOn[n.id] === true; } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return edgeOn[e.id] === true; } });

  var big = data.nodes.length > 300 || data.edges.length > 3000;
  var network = new vis.Network(document.getElementById("network"), { nodes: nodesView, edges: edgesView }, {
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { borderWidth: 1, font: font, scaling: { label: { drawThreshold: 9 } } },
    edges: { smooth: false, selectionWidth: 2, color: { inherit: false } },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  });

  // ---- labels: the most important shown entities keep a legible size at any zoom
  var enlarged = {};
  var dimmedNodes = {};  // shown entities outside the highlighted neighbourhood
  function fontFor(id) {
    var f = {};
    Object.keys(font).forEach(function (k) { f[k] = font[k]; });
    f.size = enlarged[id] || font.size;
    return f;
  }
  function sizeLabels() {
    var scale = network.getScale() || 1;
    var wanted = {};
    var shownNodes = data.nodes.filter(function (n) { return nodeOn[n.id]; });
    shownNodes.slice(0, TOP_LABELS).forEach(function (n) {
      wanted[n.id] = Math.max(font.size, Math.ceil(LABEL_PX / scale));
    });
    var updates = [];
    Object.keys(enlarged).forEach(function (id) {
      if (!(id in wanted)) { delete enlarged[id]; updates.push({ id: id, font: fontFor(id) }); }
    });
    Object.keys(wanted).forEach(function (id) {
      if (enlarged[id] !== wanted[id]) { enlarged[id] = wanted[id]; updates.push({ id: id, font: fontFor(id) }); }
    });
    if (updates.length) { nodes.update(updates); }
  }
  network.on("zoom", sizeLabels);

  // ---- dimming: hovering or selecting an entity dims all but its neighbourhood
  var selectedId = null;
  function neighbourhood(id) {
    var keep = {}, keepEdges = {};
    keep[id] = true;
    (incident[id] || []).forEach(function (e) {
      if (edgeOn[e.id]) { keepEdges[e.id] = true; keep[e.from] = true; keep[e.to] = true; }
    });
    return { nodes: keep, edges: keepEdges };
  }
  // Drawn as a veil over the picture with the neighbourhood drawn again on top (vis-network's own node and
  // edge drawing), so hovering costs one redraw whatever the number of entities.
  var highlighted = null;
  function dimAllBut(id) {
    highlighted = id === null || !nodeOn[id] ? null : neighbourhood(id);
    dimmedNodes = {};
    if (highlighted !== null) {
      Object.keys(nodeOn).forEach(function (n) { if (!highlighted.nodes[n]) { dimmedNodes[n] = true; } });
    }
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    if (highlighted === null) { return; }
    var box = document.getElementById("network");
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    ctx.save();
    ctx.fillStyle = "rgba(255,255,255," + (1 - DIM) + ")";
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.restore();
    var drawn = network.body;
    Object.keys(highlighted.edges).forEach(function (e) {
      var edge = drawn.edges[e];
      if (edge) { edge.draw(ctx); if (edge.drawArrows) { edge.drawArrows(ctx); } }
    });
    var labels = [];
    Object.keys(highlighted.nodes).forEach(function (n) {
      var node = drawn.nodes[n];
      if (node && nodeOn[n]) {
        var later = node.draw(ctx);
        if (later && later.drawExternalLabel) { labels.push(later.drawExternalLabel); }
      }
    });
    labels.forEach(function (draw) { draw(); });
  });
  network.on("hoverNode", function (params) { dimAllBut(params.node); });
  network.on("blurNode", function () { dimAllBut(selectedId); });
  network.on("selectNode", function (params) { selectedId = params.nodes[0]; dimAllBut(selectedId); });
  network.on("deselectNode", function () { selectedId = null; dimAllBut(null); });

  // ---- header: counts, weight slider, backbone and unlinked switches, focus mode
  var slider = document.getElementById("min-weight");
  var sliderValue = document.getElementById("min-weight-value");
  slider.max = String(Math.max(data.maxWeight, 1));
  slider.value = String(minWeight);
  sliderValue.textContent = String(minWeight);
  function updateCounts() {
    document.getElementById("edge-count").textContent = edgesView.length + " links, " + nodesView.length +
      " entities shown";
  }
  function refresh() {
    computeShown();
    nodesView.refresh();
    edgesView.refresh();
    if (selectedId !== null && !nodeOn[selectedId]) { selectedId = null; network.unselectAll(); }
    dimAllBut(selectedId);
    updateCounts();
    buildCommunityLegend();
    sizeLabels();
  }
  slider.addEventListener("input", function () {
    minWeight = Number(slider.value);
    sliderValue.textContent = String(minWeight);
    refresh();
  });
  var backboneBox = document.getElementById("backbone");
  backboneBox.addEventListener("change", function () { backboneOnly = backboneBox.checked; refresh(); });
  var lonelyBox = document.getElementById("lonely");
  lonelyBox.addEventListener("change", function () { showLonely = lonelyBox.checked; refresh(); });
  var focusBar = document.getElementById("focus-bar");
  function fitShown() {
    var ids = Object.keys(nodeOn);
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
    sizeLabels();
  }
  function enterFocus(id) {
    var n = byId[id];
    if (!n) { return; }
    if (!typeOn[n.type]) { setType(n.type, true); }
    focusId = id;
    document.getElementById("focus-name").textContent = n.label;
    focusBar.hidden = false;
    refresh();
    network.selectNodes([id]);
    selectedId = id;
    dimAllBut(null);
    fitShown();
  }
  function exitFocus() {
    if (focusId === null) { return; }
    var id = focusId;
    focusId = null;
    focusBar.hidden = true;
    refresh();
    fitShown();
    if (nodeOn[id]) { network.selectNodes([id]); selectedId = id; dimAllBut(id); }
  }
  document.getElementById("focus-exit").addEventListener("click", exitFocus);
  var dateFrom = document.getElementById("date-from"), dateTo = document.getElementById("date-to");
  if (data.days) {
    document.getElementById("date-range").hidden = false;
    dateFrom.min = dateTo.min = dayText(data.days[0]);
    dateFrom.max = dateTo.max = dayText(data.days[1]);
    dateFrom.value = dayText(data.days[0]);
    dateTo.value = dayText(data.days[1]);
  }
  function setDates() {
    var from = textDay(dateFrom.value), to = textDay(dateTo.value);
    dayFrom = from !== null && !isNaN(from) && from > data.days[0] ? from : null;
    dayTo = to !== null && !isNaN(to) && to < data.days[1] ? to : null;
    refresh();
  }
  dateFrom.addEventListener("change", setDates);
  dateTo.addEventListener("change", setDates);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && focusId !== null && event.target === document.body) { exitFocus(); }
  });

  // ---- legend with type filters, community legend
  var typeLegend = document.getElementById("type-legend");
  var counts = {};
  data.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
  typeNames.concat(Object.keys(counts).filter(function (t) { return !(t in data.types); })).forEach(function (t) {
    if (!counts[t]) { return; }
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.type = t; box.className = "type-filter";
    box.addEventListener("change", function () { setType(t, box.checked); });
    var swatch = el("span", null, "swatch " + spec(t).shape);
    swatch.style.background = spec(t).color;
    swatch.style.setProperty("--c", spec(t).color);
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(el("span", (data.types[t] ? spec(t).label : t) + " (" + counts[t] + ")"));
    typeLegend.appendChild(label);
  });
  function setType(t, on) {
    typeOn[t] = on;
    var box = typeLegend.querySelector('input[data-type="' + CSS.escape(t) + '"]');
    if (box) { box.checked = on; }
    refresh();
  }
  var communityLegend = document.getElementById("community-legend");
  communityLegend.hidden = colorMode !== "community";
  function buildCommunityLegend() {  // the communities of the shown entities, largest first
    var groups = {};
    data.nodes.forEach(function (n) {
      if (!nodeOn[n.id]) { return; }
      var g = groups[n.c] = groups[n.c] || { size: 0, top: n };
      g.size += 1;
      if (n.m > g.top.m) { g.top = n; }
    });
    var ids = Object.keys(groups).map(Number).sort(function (a, b) { return groups[b].size - groups[a].size || a - b; });
    communityLegend.textContent = "";
    communityLegend.appendChild(el("div", ids.length + " communities shown (Louvain)", "muted"));
    ids.slice(0, 12).forEach(function (c) {
      var row = el("div", null, "row community");
      var swatch = el("span", null, "swatch dot");
      swatch.style.background = communityColor(c);
      row.appendChild(swatch);
      row.appendChild(el("span", groups[c].top.label + " +" + (groups[c].size - 1)));
      communityLegend.appendChild(row);
    });
  }
  document.getElementById("color-by").addEventListener("change", function (event) {
    colorMode = event.target.value;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColor(n) }; }));
    communityLegend.hidden = colorMode !== "community";
  });

  // ---- search by name or alias
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var matches = [];
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var found = [];
    data.nodes.forEach(function (n) {
      var name = n.label.toLowerCase();
      var rank = name === q ? 0 : -1, via = null;
      n.aliases.forEach(function (a) {
        var lower = a.toLowerCase();
        if (rank !== 0 && lower === q) { rank = 1; via = a; }
      });
      if (rank < 0 && name.indexOf(q) === 0) { rank = 2; }
      if (rank < 0 && name.indexOf(q) >= 0) { rank = 3; }
      if (rank < 0) {
        n.aliases.forEach(function (a) { if (rank < 0 && a.toLowerCase().indexOf(q) >= 0) { rank = 4; via = a; } });
      }
      if (rank >= 0) { found.push({ node: n, rank: rank, via: via }); }
    });
    found.sort(function (a, b) { return a.rank - b.rank || b.node.m - a.node.m; });
    return found.slice(0, 30);
  }
  function showResults() {
    matches = find(search.value);
    results.textContent = "";
    matches.forEach(function (match, i) {
      var li = el("li");
      li.appendChild(el("span", match.node.label));
      li.appendChild(el("span", " " + (match.via ? "(" + match.via + ") " : "") + spec(match.node.type).label, "kind"));
      if (i === 0) { li.className = "active"; }
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(match.node.id); });
      results.appendChild(li);
    });
    results.hidden = matches.length === 0;
  }
  function choose(id) {
    results.hidden = true;
    focusNode(id);
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      if (!matches.length) { matches = find(search.value); }
      if (matches.length) { choose(matches[0].node.id); }
    } else if (event.key === "Escape") { results.hidden = true; }
  });
  search.addEventListener("blur", function () { results.hidden = true; });

  function focusNode(id) {
    var n = byId[id];
    if (!n) { return; }
    if (!typeOn[n.type]) { setType(n.type, true); }
    if (!nodeOn[id]) { pinned = {}; pinned[id] = true; refresh(); }  // shown even without a shown link
    network.selectNodes([id]);
    selectedId = id;
    dimAllBut(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    sizeLabels();
    kg.showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { kg.showNode(params.nodes[0]); }
    else if (params.edges.length) { kg.showEdge(params.edges[0]); }
  });

  updateCounts();  // the views were made from computeShown() already
  buildCommunityLegend();
  var kg = window.kgExplorer = {  // what panel.js and the tests use; panel.js adds showNode and showEdge
    network: network, data: data, ready: false, byId: byId, relations: relations,
    el: el, spec: spec, relationLabel: relationLabel, dayText: dayText, strongest: strongest,
    maxRelations: MAX_RELATIONS, focusedId: function () { return focusId; },
    focusNode: focusNode, setType: setType, enterFocus: enterFocus, exitFocus: exitFocus,
    dimmedNodeIds: function () { return Object.keys(dimmedNodes); },
    labelSize: function (id) { return network.body.nodes[id].options.font.size; },
    drawnNodeIds: function () { return network.body.nodeIndices.slice(); },
    drawnEdgeIds: function () { return network.body.edgeIndices.slice(); }
  };
  network.once("afterDrawing", function () {
    sizeLabels();
    window.kgExplorer.ready = true;
    document.body.dataset.ready = "1";
  });
})();
