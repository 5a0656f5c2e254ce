/* The kg explorer's side panel: an entity (roles, relations, strongest links, timeline, sentences) or a link
   (every relation between its two ends, each with its sentences). Text is only ever set with textContent. */
(function (kg) {
  "use strict";
  var data = kg.data, byId = kg.byId, relations = kg.relations, el = kg.el, spec = kg.spec;
  var relationLabel = kg.relationLabel, dayText = kg.dayText, strongest = kg.strongest;
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
  function timeline(days) {  // bars of articles per day, or per month over more than 45 days
    var monthly = days[days.length - 1][0] - days[0][0] > 45;
    var bins = [], index = {};
    function key(day) { return dayText(day).slice(0, monthly ? 7 : 10); }
    for (var day = days[0][0], last = key(days[days.length - 1][0]); ; day += 1) {  // empty days or months too
      var k = key(day);
      if (!(k in index)) { index[k] = bins.length; bins.push({ key: k, count: 0 }); }
      if (k === last) { break; }
    }
    days.forEach(function (p) { bins[index[key(p[0])]].count += p[1]; });
    var most = Math.max.apply(null, bins.map(function (b) { return b.count; }));
    var box = el("div", null, "timeline");
    bins.forEach(function (b) {
      var bar = el("span", null, "bar");
      bar.style.height = (b.count ? Math.max(3, Math.round(40 * b.count / most)) : 0) + "px";
      bar.title = b.key + ": " + b.count + " articles";
      bar.dataset.key = b.key;
      bar.dataset.count = String(b.count);
      box.appendChild(bar);
    });
    var axis = el("div", bins[0].key + (bins.length > 1 ? " … " + bins[bins.length - 1].key : "") +
                  " · articles per " + (monthly ? "month" : "day"), "muted");
    var wrap = el("div");
    wrap.appendChild(box);
    wrap.appendChild(axis);
    return wrap;
  }
  function showNode(id) {
    var n = byId[id];
    body.textContent = "";
    body.appendChild(el("h2", n.label));
    var head = el("div");
    head.appendChild(badge(n.type));
    head.appendChild(el("span", "  " + n.m + " mentions in " + n.na + " articles  ", "muted"));
    var focusButton = el("button", kg.focusedId() === id ? "× 退出聚焦 exit focus" : "◎ 聚焦 focus", "focus");
    focusButton.type = "button";
    focusButton.addEventListener("click", function () {
      if (kg.focusedId() === id) { kg.exitFocus(); } else { kg.enterFocus(id); }
      showNode(id);
    });
    head.appendChild(focusButton);
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
    function group(e) { return data.structural.indexOf(e.rel) >= 0 ? 1 : 0; }  // what the text states first
    var typed = (relations[id] || []).slice().sort(function (a, b) {
      return group(a) - group(b) || ((a.td || [1e9])[0] - (b.td || [1e9])[0]) ||
        (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
    });
    if (typed.length) {
      section("关系 relations (" + typed.length + ")");
      var rl = el("ul", null, "relations");
      typed.forEach(function (e, i) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        li.dataset.edge = e.id;
        li.appendChild(el("span", (e.from === id ? "" : "← ") + relationLabel(e.rel) +
                           (e.title ? "（" + e.title + "）" : "") +
                           (e.vb && relationLabel(e.rel).indexOf(e.vb) !== 0 ? "（" + e.vb + "）" : "") + " "));
        li.appendChild(link(byId[other].label, function () { kg.focusNode(other); }));
        if (e.td) { li.appendChild(el("span", " · " + dayText(e.td[0]), "muted")); }
        li.appendChild(el("span", " "));
        li.appendChild(link(e.ev ? "sentence" : "details", function () { showEdge(e.id); }));
        if (i >= kg.maxRelations) { li.hidden = true; }
        rl.appendChild(li);
      });
      body.appendChild(rl);
      if (typed.length > kg.maxRelations) {  // a city is located_in's target for hundreds of bodies
        var more = link("+" + (typed.length - kg.maxRelations) + " more", function () {
          rl.querySelectorAll("li[hidden]").forEach(function (li) { li.hidden = false; });
          more.remove();
        });
        more.className = "more";
        body.appendChild(more);
      }
    }
    var near = strongest(id);
    if (near.length) {
      section("最强关联 strongest links");
      var nl = el("ul", null, "neighbours");
      near.forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li");
        li.appendChild(link(byId[other].label, function () { kg.focusNode(other); }));
        li.appendChild(el("span", " score " + e.sc + " · " + e.s + " sentences · " + e.a + " articles ", "muted"));
        li.appendChild(link("evidence", function () { showEdge(e.id); }));
        nl.appendChild(li);
      });
      body.appendChild(nl);
    }
    if (n.td && n.td.length) {
      section("提及时间 mentions over time");
      body.appendChild(timeline(n.td));
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
    h.appendChild(link(a.label, function () { kg.focusNode(a.id); }));
    h.appendChild(document.createTextNode(" — "));
    h.appendChild(link(b.label, function () { kg.focusNode(b.id); }));
    body.appendChild(h);
    var names = [a.label, b.label].concat(a.aliases, b.aliases);
    function sentences(refs) {
      refs.forEach(function (pair) {
        var wrap = el("div", null, "evidence");
        wrap.appendChild(articleHeading(pair[0]));
        wrap.appendChild(highlight(data.sentences[pair[1]], names));
        body.appendChild(wrap);
      });
    }
    var ordered = all.filter(function (e) { return e.rel !== "co_occurs"; })
      .concat(all.filter(function (e) { return e.rel === "co_occurs"; }));
    if (ordered[0] !== clicked) { ordered.splice(ordered.indexOf(clicked), 1); ordered.unshift(clicked); }
    ordered.forEach(function (e) {
      var line;
      if (e.rel === "co_occurs") {
        section(relationLabel(e.rel));
        line = "score " + e.sc + " · " + e.s + " sentences · " + e.a + " articles · weight " + e.w + " · NPMI " + e.n;
      } else {
        section(relationLabel(e.rel) + (e.title ? "（" + e.title + "）" : ""));
        line = byId[e.from].label + " → " + byId[e.to].label + (e.td ? " · " + dayText(e.td[0]) : "");
      }
      body.appendChild(el("div", line, "muted"));
      if (e.ev && e.ev.length) { sentences(e.ev); }
      else if (e.rel === "co_occurs") { body.appendChild(el("div", "no sentence has both", "muted")); }
    });
    panel.hidden = false;
    panel.dataset.edge = edgeId;
    delete panel.dataset.node;
  }
  kg.showNode = showNode;
  kg.showEdge = showEdge;
})(window.kgExplorer);
