/* The kg explorer: reads the JSON block and drives vis-network. Text is only ever set with textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var typeOn = {};
  var typeNames = data.typeOrder;
  data.nodes.forEach(function (n) { if (!(n.type in typeOn)) { typeOn[n.type] = true; } });
  var minWeight = data.minWeight;
  var colorMode = "type";
  var neighbours = {};  // node id -> [edge, ...] co-occurrence, strongest first
  var relations = {};   // node id -> [edge, ...] typed relations
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    var table = e.rel === "co_occurs" ? neighbours : relations;
    (table[e.from] = table[e.from] || []).push(e);
    (table[e.to] = table[e.to] || []).push(e);
  });
  Object.keys(neighbours).forEach(function (k) {
    neighbours[k].sort(function (a, b) { return b.w - a.w || (b.s || 0) - (a.s || 0); });
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function spec(type) { return data.types[type] || data.other; }
  function communityColor(c) { return data.communityColors[c % data.communityColors.length]; }
  function nodeColor(n) { return colorMode === "type" ? spec(n.type).color : communityColor(n.c); }

  var font = { face: data.font, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" };
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: spec(n.type).shape,
             color: nodeColor(n), type: n.type, font: font };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var typed = e.rel !== "co_occurs";
    return { id: e.id, from: e.from, to: e.to, width: e.width, rel: e.rel, w: e.w || 0,
             dashes: typed, arrows: typed ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined,
             color: typed ? { color: "#555", opacity: 0.8 } : { color: "#8a8a8a", opacity: e.s ? 0.55 : 0.25 } };
  }));
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return typeOn[n.type]; } });
  var edgesView = new vis.DataView(edges, { filter: function (e) {
    return (e.rel !== "co_occurs" || e.w >= minWeight) && typeOn[byId[e.from].type] && typeOn[byId[e.to].type];
  } });

  var big = data.nodes.length > 300 || data.edges.length > 3000;
  var network = new vis.Network(document.getElementById("network"), { nodes: nodesView, edges: edgesView }, {
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    nodes: { borderWidth: 1, font: font },
    edges: { smooth: false, selectionWidth: 2, color: { inherit: false } },
    interaction: { hover: false, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  });

  // ---- header: counts and weight slider
  var slider = document.getElementById("min-weight");
  var sliderValue = document.getElementById("min-weight-value");
  slider.max = String(Math.max(data.maxWeight, 1));
  slider.value = String(minWeight);
  sliderValue.textContent = String(minWeight);
  function updateCounts() {
    document.getElementById("edge-count").textContent = edgesView.length + " links shown";
  }
  slider.addEventListener("input", function () {
    minWeight = Number(slider.value);
    sliderValue.textContent = String(minWeight);
    edgesView.refresh();
    updateCounts();
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
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
  }
  var communityLegend = document.getElementById("community-legend");
  (function () {
    var groups = {};
    data.nodes.forEach(function (n) {
      var g = groups[n.c] = groups[n.c] || { size: 0, top: n };
      g.size += 1;
      if (n.m > g.top.m) { g.top = n; }
    });
    var ids = Object.keys(groups).map(Number).sort(function (a, b) { return a - b; });
    communityLegend.appendChild(el("div", ids.length + " communities (Louvain)", "muted"));
    ids.slice(0, 12).forEach(function (c) {
      var row = el("div", null, "row");
      var swatch = el("span", null, "swatch dot");
      swatch.style.background = communityColor(c);
      row.appendChild(swatch);
      row.appendChild(el("span", groups[c].top.label + " +" + (groups[c].size - 1)));
      communityLegend.appendChild(row);
    });
  })();
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
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showNode(id);
  }

  // ---- side panel
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; });
  function highlight(text, names) {
    var block = el("blockquote");
    names = names.filter(function (s) { return s && s.length; }).sort(function (a, b) { return b.length - a.length; });
    var i = 0, plain = "";
    while (i < text.length) {
      var hit = null;
      for (var k = 0; k < names.length; k++) {
        if (text.substr(i, names[k].length) === names[k]) { hit = names[k]; break; }
      }
      if (hit) {
        if (plain) { block.appendChild(document.createTextNode(plain)); plain = ""; }
        block.appendChild(el("mark", hit));
        i += hit.length;
      } else { plain += text.charAt(i); i += 1; }
    }
    if (plain) { block.appendChild(document.createTextNode(plain)); }
    return block;
  }
  function articleHeading(index) {
    var a = data.articles[index] || { k: "?" };
    var text = (a.t ? a.t + " · " : "") + (a.d ? a.d + " · " : "") + a.k;
    return el("div", text, "muted");
  }
  function section(title) { body.appendChild(el("h3", title)); }
  function link(text, onclick) {
    var a = el("a", text);
    a.tabIndex = 0;
    a.addEventListener("click", onclick);
    return a;
  }
  function badge(type) {
    var b = el("span", spec(type).label, "badge");
    b.style.background = spec(type).color;
    return b;
  }
  function showNode(id) {
    var n = byId[id];
    body.textContent = "";
    body.appendChild(el("h2", n.label));
    var head = el("div");
    head.appendChild(badge(n.type));
    head.appendChild(el("span", "  " + n.m + " mentions in " + n.na + " articles", "muted"));
    body.appendChild(head);
    if (n.aliases.length) {
      section("别名 aliases");
      body.appendChild(el("div", n.aliases.join("、")));
    }
    if (n.roles.length) {
      section("职务 roles");
      var ul = el("ul");
      n.roles.forEach(function (r) { ul.appendChild(el("li", r[0] + (r[1] ? " · " + r[1] : ""))); });
      body.appendChild(ul);
    }
    var typed = relations[id] || [];
    if (typed.length) {
      section("关系 relations");
      var rl = el("ul");
      typed.forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        li.appendChild(el("span", (e.from === id ? "→ " : "← ") + (data.relations[e.rel] || e.rel) +
                           (e.title ? " (" + e.title + ")" : "") + ": "));
        li.appendChild(link(byId[other].label, function () { focusNode(other); }));
        rl.appendChild(li);
      });
      body.appendChild(rl);
    }
    var near = (neighbours[id] || []).slice(0, 10);
    if (near.length) {
      section("最强关联 strongest neighbours");
      var nl = el("ul", null, "neighbours");
      near.forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        li.appendChild(link(byId[other].label, function () { focusNode(other); }));
        li.appendChild(el("span", " weight " + e.w + " (" + e.s + " sentences, " + e.a + " articles) ", "muted"));
        li.appendChild(link("evidence", function () { showEdge(e.id); }));
        nl.appendChild(li);
      });
      body.appendChild(nl);
    }
    section("文章与句子 articles and sentences");
    var arts = n.arts || [];
    if (!arts.length) { body.appendChild(el("div", "no sentences in this file", "muted")); }
    var names = [n.label].concat(n.aliases);
    arts.forEach(function (pair) {
      var wrap = el("div", null, "evidence");
      wrap.appendChild(articleHeading(pair[0]));
      pair[1].forEach(function (s) { wrap.appendChild(highlight(data.sentences[s], names)); });
      body.appendChild(wrap);
    });
    panel.hidden = false;
    panel.dataset.node = id;
    delete panel.dataset.edge;
  }
  function pairKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }
  var pairs = {};  // both ends -> every edge between them (co-occurrence and typed relations)
  data.edges.forEach(function (e) { (pairs[pairKey(e.from, e.to)] = pairs[pairKey(e.from, e.to)] || []).push(e); });
  function showEdge(edgeId) {
    var clicked = data.edges[Number(String(edgeId).slice(1))];
    if (!clicked) { return; }
    var a = byId[clicked.from], b = byId[clicked.to];
    var all = pairs[pairKey(a.id, b.id)];
    body.textContent = "";
    var h = el("h2");
    h.appendChild(link(a.label, function () { focusNode(a.id); }));
    h.appendChild(document.createTextNode(" — "));
    h.appendChild(link(b.label, function () { focusNode(b.id); }));
    body.appendChild(h);
    var ev = [];
    all.forEach(function (e) {
      var line = (data.relations[e.rel] || e.rel) + (e.title ? " (" + e.title + ")" : "");
      if (e.rel === "co_occurs") {
        line += ": weight " + e.w + " · " + e.s + " sentences · " + e.a + " articles · NPMI " + e.n;
        ev = ev.concat(e.ev || []);
      } else {
        line = byId[e.from].label + " → " + line + " → " + byId[e.to].label;
      }
      body.appendChild(el("div", line, "muted"));
    });
    section("共现句子 sentences");
    if (!ev.length) { body.appendChild(el("div", "no sentence has both", "muted")); }
    var names = [a.label, b.label].concat(a.aliases, b.aliases);
    ev.forEach(function (pair) {
      var wrap = el("div", null, "evidence");
      wrap.appendChild(articleHeading(pair[0]));
      wrap.appendChild(highlight(data.sentences[pair[1]], names));
      body.appendChild(wrap);
    });
    panel.hidden = false;
    panel.dataset.edge = edgeId;
    delete panel.dataset.node;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  updateCounts();
  window.kgExplorer = {
    network: network, data: data, ready: false,
    focusNode: focusNode, showNode: showNode, showEdge: showEdge, setType: setType,
    drawnNodeIds: function () { return network.body.nodeIndices.slice(); },
    drawnEdgeIds: function () { return network.body.edgeIndices.slice(); }
  };
  network.once("afterDrawing", function () {
    window.kgExplorer.ready = true;
    document.body.dataset.ready = "1";
  });
})();
