"""The picture shared by the explorer, GEXF and GraphML: ForceAtlas2 positions that group communities."""
from __future__ import annotations

import networkx as nx
import numpy as np

from kg.export.layout import CORE, community_colors, forceatlas2, grouping_ratio, layout, picture, separate


def two_cliques(size=12) -> nx.MultiDiGraph:
    """Two cliques of ``size`` joined by one weak link: two communities anyone would draw apart."""
    graph = nx.MultiDiGraph()
    for group in "ab":
        for number in range(size):
            graph.add_node(f"{group}{number:02d}", label=f"{group}{number}", type="person", mentions=size - number)
        for i in range(size):
            for j in range(i + 1, size):
                graph.add_edge(f"{group}{i:02d}", f"{group}{j:02d}", key="co_occurs", relation="co_occurs",
                               weight=3, sentences=1, articles=1, score=0.5)
    graph.add_edge("a00", "b00", key="co_occurs", relation="co_occurs", weight=1, sentences=0, articles=1, score=0)
    return graph


def community_ratio(positions: dict, community: dict) -> float:
    nodes = sorted(positions)
    return grouping_ratio([positions[n] for n in nodes], [community[n] for n in nodes])


def test_communities_are_drawn_as_groups():
    graph = two_cliques()
    view = picture(graph, sorted(graph.nodes))
    assert len(set(view.community.values())) == 2
    assert community_ratio(view.positions, view.community) <= 0.5


def test_the_seeds_communities_are_grouped(seeds_extraction):
    from kg.export.html import select_nodes
    from kg.graph import build_graph

    graph = build_graph(seeds_extraction)
    nodes = select_nodes(graph, 0)
    view = picture(graph, nodes)
    assert community_ratio(view.positions, view.community) <= 0.5


def test_grouping_ratio():
    assert grouping_ratio([(0, 0), (1, 0), (10, 0), (11, 0)], [0, 0, 1, 1]) == 0.142857
    assert grouping_ratio([(0, 0), (10, 0), (1, 0), (11, 0)], [0, 0, 1, 1]) > 1  # groups split apart
    assert grouping_ratio([(0, 0)], [0]) == 0.0


def test_layout_is_deterministic_and_integer():
    graph = two_cliques()
    first = picture(graph, sorted(graph.nodes))
    second = picture(graph, sorted(graph.nodes))
    assert first.positions == second.positions and first.colors == second.colors
    assert all(isinstance(c, int) for xy in first.positions.values() for c in xy)


def test_nodes_beyond_the_core_sit_beside_their_neighbours(monkeypatch):
    import kg.export.layout as module

    monkeypatch.setattr(module, "CORE", 4)
    assert CORE > 4
    pairs = {("a", "b"): 1.0, ("b", "c"): 1.0, ("c", "d"): 1.0, ("a", "x"): 5.0, ("x", "y"): 5.0}
    positions = layout(["a", "b", "c", "d", "x", "y", "lonely"], pairs)
    xy = {node: np.array(p, dtype=float) for node, p in positions.items()}
    core_spread = max(np.linalg.norm(xy[u] - xy[v]) for u in "abcd" for v in "abcd")
    assert np.linalg.norm(xy["x"] - xy["a"]) < core_spread
    assert np.linalg.norm(xy["y"] - xy["x"]) < core_spread
    assert min(np.linalg.norm(xy["lonely"] - xy[n]) for n in "abcd") > 0


def test_overlapping_nodes_are_pushed_apart():
    pos = np.zeros((5, 2), dtype=np.float32)
    pos[:, 0] = np.arange(5, dtype=np.float32)  # 1 apart
    separate(pos, np.full(5, 5.0), rounds=200)
    gaps = np.sqrt(((pos[:, None] - pos[None]) ** 2).sum(-1)) + np.eye(5) * 1e9
    assert gaps.min() > 8.0


def test_forceatlas2_pulls_linked_nodes_together():
    rows, cols = np.array([0, 2]), np.array([1, 3])
    pos = forceatlas2(rows, cols, np.array([5.0, 5.0], dtype=np.float32), np.array([2, 2, 2, 2], dtype=np.float32))
    linked = np.linalg.norm(pos[0] - pos[1]) + np.linalg.norm(pos[2] - pos[3])
    unlinked = np.linalg.norm(pos[0] - pos[2]) + np.linalg.norm(pos[1] - pos[3])
    assert linked < unlinked


def test_community_colours_never_repeat():
    for count in (1, 20, 300):
        colors = community_colors(count)
        assert len(colors) == count == len(set(colors))
        assert all(len(c) == 7 and c.startswith("#") for c in colors)


def test_gexf_and_graphml_carry_the_explorers_picture(tmp_path, seeds_extraction):
    from kg.export.gexf import read_gexf, write_gexf
    from kg.export.graphml import read_graphml, write_graphml
    from kg.export.html import to_pyvis
    from kg.graph import build_graph

    graph = build_graph(seeds_extraction)
    _, page = to_pyvis(graph, seeds_extraction, max_nodes=0)
    shown = {n["id"]: n for n in page["nodes"]}
    colour = {n["id"]: page["communityColors"][n["c"]] for n in page["nodes"]}
    gexf = read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    graphml = read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    assert gexf.number_of_nodes() == graphml.number_of_nodes() == len(shown)
    for node, data in gexf.nodes(data=True):
        viz = data["viz"]
        assert (viz["position"]["x"], -viz["position"]["y"]) == (shown[node]["x"], shown[node]["y"])
        assert viz["size"] == shown[node]["size"]
        assert "#{:02x}{:02x}{:02x}".format(viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == colour[node]
    for node, data in graphml.nodes(data=True):
        assert (data["x"], -data["y"], data["size"]) == (shown[node]["x"], shown[node]["y"], shown[node]["size"])
        assert "#{:02x}{:02x}{:02x}".format(data["r"], data["g"], data["b"]) == colour[node]
    assert len({(d["x"], d["y"]) for _, d in graphml.nodes(data=True)}) > len(shown) * 0.9  # not a grey ball


def test_exports_are_deterministic(tmp_path):
    from kg.export.gexf import write_gexf
    from kg.export.graphml import write_graphml

    graph = two_cliques()
    assert write_gexf(graph, tmp_path / "a.gexf").read_bytes() == write_gexf(graph, tmp_path / "b.gexf").read_bytes()
    assert b"lastmodifieddate" not in (tmp_path / "a.gexf").read_bytes()  # no date of writing
    assert (write_graphml(graph, tmp_path / "a.graphml").read_bytes()
            == write_graphml(graph, tmp_path / "b.graphml").read_bytes())


def test_communities_beyond_the_core_follow_the_strongest_neighbour(monkeypatch):
    import kg.export.layout as module

    monkeypatch.setattr(module, "CORE", 24)
    graph = two_cliques()
    graph.add_node("z1", label="z1", type="person", mentions=0)
    graph.add_node("z2", label="z2", type="person", mentions=0)
    graph.add_node("alone", label="alone", type="person", mentions=0)
    graph.add_edge("z1", "b03", key="co_occurs", relation="co_occurs", weight=5, sentences=1, articles=1, score=0.4)
    graph.add_edge("z1", "a03", key="co_occurs", relation="co_occurs", weight=1, sentences=1, articles=1, score=0.1)
    graph.add_edge("z1", "z2", key="co_occurs", relation="co_occurs", weight=1, sentences=1, articles=1, score=0.1)
    view = picture(graph, module.select_nodes(graph, 0))
    assert view.community["z1"] == view.community["z2"] == view.community["b03"]
    assert view.community["alone"] not in {view.community[n] for n in graph if n != "alone"}
    assert len(view.colors) == len(set(view.colors)) == max(view.community.values()) + 1


def test_selected_nodes_rank_by_mentions_then_link_weight_then_id(seeds_extraction):
    """select_nodes reads a co-occurrence's weight from its counts, the adjacency directly: the order of a
    plain sum over graph.edges."""
    from collections import defaultdict

    from kg.export.layout import select_nodes
    from kg.graph import build_graph

    seeds_graph = build_graph(seeds_extraction)
    strength = defaultdict(float)
    for u, v, data in seeds_graph.edges(data=True):
        strength[u] += data.get("weight", 1) or 1
        strength[v] += data.get("weight", 1) or 1
    ranked = sorted(seeds_graph.nodes, key=lambda n: (-seeds_graph.nodes[n].get("mentions", 0), -strength[n], str(n)))
    assert select_nodes(seeds_graph, 0) == ranked and select_nodes(seeds_graph, 50) == ranked[:50]
