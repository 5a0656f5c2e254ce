"""Where each entity is drawn, how big and in which colour: one picture for the explorer, GEXF and GraphML.

Positions come from ForceAtlas2 (Jacomy et al. 2014, the layout Gephi opens graphs with), vectorised with
NumPy in float32: linked entities attract in proportion to their link weight, all entities repel in
proportion to their degrees; links between two Louvain communities pull only :data:`ACROSS` of their
weight, so communities come apart as groups instead of one disc; a last pass pushes apart nodes that
would cover each other. networkx's ``forceatlas2_layout`` computes the same forces in float64 with
n x n x 2 arrays (1.4 s for the seeds' 413 entities, growing with the square of the count). Here the
:data:`CORE` most important entities are simulated pair by pair, a block of rows at a time; the others
(a few links each, mostly hidden in the first view) are placed beside the neighbours they are linked to,
so 10,000 entities take seconds and little memory. Everything is seeded: the same graph gives the same
numbers.
"""
from __future__ import annotations

import colorsys
import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ..graph import edge_items, kept_edges
from ..linkdata import CoOccurrence

CORE = 2000  # entities laid out by the full simulation
ITERATIONS = 120
SPACING = 90.0  # the layout's radius is SPACING * sqrt(nodes) pixel-like units
GAP = 24.0  # free space kept between two nodes' edges (a line of text)
ACROSS = 0.1  # links between communities pull this much of their weight: communities form groups
SEED = 7
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
           "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1",
           "#636363"]


@dataclass
class Picture:
    """Positions (pixel-like units, integers), sizes, communities (0 = largest) and one colour per community."""

    positions: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    community: dict = field(default_factory=dict)
    colors: list = field(default_factory=list)

    def color(self, node) -> str:
        return self.colors[self.community.get(node, 0)] if self.colors else PALETTE[0]


DEFAULT_MAX_NODES = 500
VISUAL_KEYS = ("x", "y", "size", "r", "g", "b")  # the node attributes Gephi reads from GraphML as its picture


def select_nodes(graph, max_nodes: int | None) -> list:
    """The ``max_nodes`` most important nodes, most important first: most mentions, then the strongest links,
    then id (``None``: :data:`DEFAULT_MAX_NODES`; 0: all)."""
    strength: dict = defaultdict(float)
    succ = getattr(graph, "_succ", None) if graph.is_multigraph() else None
    if succ is None:
        for u, v, _, data in edge_items(graph):
            weight = data.get("weight", 1) or 1
            strength[u] += weight
            strength[v] += weight
    else:  # the adjacency read directly (every edge of a large graph), a co-occurrence's weight from its counts
        for u, neighbours in succ.items():
            for v, keyed in neighbours.items():
                weight = 0
                for data in keyed.values():
                    if type(data) is CoOccurrence:
                        weight += data.sentences + data.articles or 1
                    else:
                        weight += data.get("weight", 1) or 1
                strength[u] += weight
                strength[v] += weight
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), -strength[n], str(n)))
    if max_nodes is None:
        max_nodes = DEFAULT_MAX_NODES
    if max_nodes > 0:
        ranked = ranked[:max_nodes]
    return ranked


def picture(graph, nodes) -> Picture:
    """The picture of ``nodes`` (a list, most important first) of ``graph``.

    Communities are found among the first :data:`CORE` nodes; each other node joins the community of the
    neighbour it is most strongly linked to (in rounds, outwards from the core), or one of its own.
    """
    nodes = list(nodes)
    pairs = link_weights(graph, nodes)
    core = set(nodes[:CORE])
    community = communities(nodes[:CORE], {p: w for p, w in pairs.items() if p[0] in core and p[1] in core})
    if len(nodes) > CORE:
        spread_communities(nodes, pairs, community)
    sizes = {node: node_size(int(graph.nodes[node].get("mentions", 0) or 0)) for node in nodes}
    positions = layout(nodes, grouped(pairs, community), [sizes[node] for node in nodes])
    count = max(community.values(), default=-1) + 1
    return Picture(positions, sizes, community, community_colors(count))


def visual_attributes(graph) -> dict:
    """Node -> {x, y, size, r, g, b}: the explorer's picture of the whole graph for GraphML and GEXF, with
    y pointing up as Gephi draws it."""
    view = picture(graph, select_nodes(graph, 0))
    attributes = {}
    for node, (x, y) in view.positions.items():
        color = view.color(node)
        attributes[node] = {"x": float(x), "y": float(-y), "size": float(view.sizes[node]),
                            "r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16)}
    return attributes


def spread_communities(nodes, pairs: dict, community: dict) -> None:
    """Give each node without a community (in place) that of its most strongly linked neighbour that has one,
    in rounds; nodes never reached get one each. Ties go to the lower community number."""
    links: dict = defaultdict(list)
    for (a, b), weight in pairs.items():
        links[a].append((b, weight))
        links[b].append((a, weight))
    todo = [node for node in nodes if node not in community]
    while todo:
        joined = {}
        for node in todo:
            best = None
            for other, weight in links.get(node, ()):
                if other in community:
                    candidate = (-weight, community[other])
                    best = candidate if best is None or candidate < best else best
            if best is not None:
                joined[node] = best[1]
        if not joined:
            break
        community.update(joined)
        todo = [node for node in todo if node not in joined]
    number = max(community.values(), default=-1) + 1
    for node in todo:
        community[node] = number
        number += 1


def grouping_ratio(positions, groups) -> float:
    """Mean distance between two nodes of one community / mean distance between any two nodes: below 1 when
    communities are drawn as groups (0.5: members of a community are twice as close as nodes in general).

    >>> grouping_ratio([(0, 0), (1, 0), (10, 0), (11, 0)], [0, 0, 1, 1])
    0.142857
    """
    points = np.asarray(positions, dtype=np.float64)
    groups = np.asarray(groups)
    if len(points) < 2:
        return 0.0
    upper = np.triu_indices(len(points), 1)
    distance = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=-1))[upper]
    same = (groups[:, None] == groups[None, :])[upper]
    if not same.any() or distance.mean() == 0:
        return 0.0
    return round(float(distance[same].mean() / distance.mean()), 6)


def node_size(mentions: int) -> int:
    """Drawn radius: grows with the log of the mention count."""
    return int(round(8 + 6 * math.log2(1 + max(mentions, 0))))


def link_weights(graph, nodes) -> dict:
    """(a, b) -> weight among ``nodes`` (a before b in ``nodes``): co-occurrence weight, plus 1 per typed relation."""
    index = {node: number for number, node in enumerate(nodes)}
    pairs: dict = {}
    for u, v, key, data in kept_edges(graph, nodes, index):
        if v not in index or u == v:
            continue
        if type(data) is CoOccurrence:
            weight = float(data.sentences + data.articles or 1)
        else:
            relation = data.get("relation") or str(key).split(":")[0]
            weight = float(data.get("weight", 1) or 1) if relation == "co_occurs" else 1.0
        pair = (u, v) if index[u] < index[v] else (v, u)
        pairs[pair] = pairs.get(pair, 0.0) + weight
    return pairs


def grouped(pairs: dict, community: dict) -> dict:
    """The link weights with links across communities weakened, so communities are drawn as groups."""
    return {pair: (w if community[pair[0]] == community[pair[1]] else w * ACROSS) for pair, w in pairs.items()}


def communities(nodes, pairs: dict) -> dict:
    """Node -> community number (0 = largest) by Louvain on the link weights, seeded."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in pairs.items())
    if graph.number_of_edges() == 0:
        groups = [{node} for node in nodes]
    else:
        groups = nx.community.louvain_communities(graph, weight="weight", seed=11)
    order = {node: number for number, node in enumerate(nodes)}
    groups = sorted(groups, key=lambda group: (-len(group), min(order[n] for n in group)))
    return {node: number for number, group in enumerate(groups) for node in group}


def community_colors(count: int) -> list[str]:
    """``count`` different colours: a palette of distinct ones, then hues spread by the golden angle."""
    colors = PALETTE[:count]
    seen = set(colors)
    number = 0
    while len(colors) < count:
        hue = (number * GOLDEN_ANGLE / (2 * math.pi)) % 1.0
        lightness = (0.42, 0.55, 0.32, 0.65)[(number // 7) % 4]
        saturation = (0.65, 0.45, 0.8)[(number // 28) % 3]
        r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
        color = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
        number += 1
        if color not in seen:
            seen.add(color)
            colors.append(color)
    return colors


def layout(nodes, pairs: dict, radii=None) -> dict:
    """Node -> (x, y) integers: ForceAtlas2 on the first :data:`CORE` nodes, the rest placed by their links;
    then nodes that would overlap (given their ``radii``, default 10) are pushed apart."""
    if not nodes:
        return {}
    index = {node: number for number, node in enumerate(nodes)}
    count = len(nodes)
    if pairs:
        rows = np.fromiter((index[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
        cols = np.fromiter((index[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
        weights = np.fromiter(pairs.values(), dtype=np.float32, count=len(pairs))
    else:
        rows = cols = np.zeros(0, dtype=np.int64)
        weights = np.zeros(0, dtype=np.float32)
    core = min(count, CORE)
    inside = (rows < core) & (cols < core)
    degree = np.bincount(np.concatenate([rows[inside], cols[inside]]), minlength=core).astype(np.float32)
    positions = np.zeros((count, 2), dtype=np.float32)
    positions[:core] = forceatlas2(rows[inside], cols[inside], weights[inside], degree + 1, seed=SEED)
    if core < count:
        place_beside_neighbours(positions, core, rows, cols, weights)
    scale = max(300.0, SPACING * math.sqrt(count))
    radius = np.sqrt((positions[:core] ** 2).sum(axis=1))
    extent = float(np.percentile(radius, 95)) if core > 1 else 1.0
    positions *= scale / (extent or 1.0)
    radii = np.full(count, 10.0, dtype=np.float32) if radii is None else np.asarray(radii, dtype=np.float32)
    separate(positions[:core], radii[:core] + GAP / 2)
    return {node: (int(round(float(x))), int(round(float(y)))) for node, (x, y) in zip(nodes, positions)}


def forceatlas2(rows, cols, weights, mass, iterations: int = ITERATIONS, seed: int = SEED,
                scaling: float = 2.0, gravity: float = 0.1) -> np.ndarray:
    """ForceAtlas2 positions of ``len(mass)`` nodes linked by ``rows[i] - cols[i]`` with ``weights[i]``.

    Repulsion ``scaling * mass_a * mass_b / distance`` between every pair, attraction ``weight * distance``
    along each link, gravity ``gravity * mass`` towards the centre; each node's step adapts to how much it
    swings, the global speed to the whole graph's swing and traction, as in the paper (and Gephi).
    """
    count = len(mass)
    rng = np.random.RandomState(seed)
    pos = (rng.rand(count, 2).astype(np.float32) - 0.5) * np.float32(10 * math.sqrt(count))
    if count < 2:
        return pos * 0
    mass = np.asarray(mass, dtype=np.float32)
    weights = np.asarray(weights, dtype=np.float32)
    pair_mass = np.float32(scaling) * mass[:, None] * mass[None, :]
    np.fill_diagonal(pair_mass, 0)
    previous = np.zeros_like(pos)
    speed, efficiency = 1.0, 1.0
    ends = np.concatenate([rows, cols])
    for _ in range(iterations):
        force = np.empty_like(pos)
        repulsion(pos, pair_mass, force)
        pull = (pos[rows] - pos[cols]) * weights[:, None]
        for axis in (0, 1):
            force[:, axis] -= np.bincount(ends, np.concatenate([pull[:, axis], -pull[:, axis]]),
                                          minlength=count).astype(np.float32)
        centred = pos - pos.mean(axis=0)
        force -= centred * (np.float32(gravity) * mass)[:, None]  # strong gravity: brings islands in
        swinging = mass * np.sqrt(((force - previous) ** 2).sum(axis=1))
        traction = mass * np.sqrt(((force + previous) ** 2).sum(axis=1)) / 2
        speed, efficiency = _adapt_speed(float(swinging.sum()), float(traction.sum()), count, speed, efficiency)
        step = np.float32(speed) / (1 + np.sqrt(np.float32(speed) * swinging))
        pos += force * step[:, None]
        previous = force
    return pos


def repulsion(pos, pair_mass, out, rows_at_once: int = 256) -> None:
    """``out`` = the repulsion on each node: sum over the others of pair mass / distance, along the distance.

    In blocks of rows, so the pairwise arrays stay in the processor's cache.
    """
    x, y = pos[:, 0], pos[:, 1]
    floor = np.float32(0.01)
    for start in range(0, len(pos), rows_at_once):
        end = min(start + rows_at_once, len(pos))
        dx = x[start:end, None] - x[None, :]
        dy = y[start:end, None] - y[None, :]
        factor = dx * dx
        factor += dy * dy
        np.maximum(factor, floor, out=factor)
        np.divide(pair_mass[start:end], factor, out=factor)
        dx *= factor
        dy *= factor
        out[start:end, 0] = dx.sum(axis=1)
        out[start:end, 1] = dy.sum(axis=1)


def separate(pos, radii, rounds: int = 30) -> None:
    """Push apart nodes closer than the sum of their ``radii`` (in place), a little each round, so that nodes
    and names do not cover each other."""
    radii = np.asarray(radii, dtype=np.float32)
    floor = np.float32(1e-3)
    for _ in range(rounds):
        moved = False
        for start in range(0, len(pos), 256):
            end = min(start + 256, len(pos))
            dx = pos[start:end, 0:1] - pos[None, :, 0]
            dy = pos[start:end, 1:2] - pos[None, :, 1]
            distance = np.sqrt(dx * dx + dy * dy)
            overlap = (radii[start:end, None] + radii[None, :]) - distance
            overlap[np.arange(end - start), np.arange(start, end)] = 0
            np.maximum(overlap, 0, out=overlap)
            if not overlap.any():
                continue
            moved = True
            push = overlap / np.maximum(distance, floor) / 4
            pos[start:end, 0] += (dx * push).sum(axis=1)
            pos[start:end, 1] += (dy * push).sum(axis=1)
        if not moved:
            break


def _adapt_speed(swing: float, traction: float, count: int, speed: float, efficiency: float):
    """Gephi's global speed rule: faster while the graph converges, slower when it oscillates."""
    jitter = 0.05 * math.sqrt(count)
    jitter = max(math.sqrt(jitter), min(10.0, jitter * traction / count ** 2))
    if traction > 0 and swing / traction > 2.0:
        efficiency = max(efficiency * 0.5, 0.05)
        jitter = max(jitter, 1.0)
    target = jitter * efficiency * traction / swing if swing > 0 else speed * 1.5
    if swing > jitter * traction:
        efficiency = max(efficiency * 0.7, 0.05)
    elif speed < 1000:
        efficiency *= 1.3
    return speed + min(target - speed, 0.5 * speed), efficiency


def place_beside_neighbours(positions, placed: int, rows, cols, weights) -> None:
    """Give nodes ``placed`` onwards the weighted mean position of their already placed neighbours, nudged
    along a spiral; in rounds, so nodes linked only to such nodes follow; the unlinked go on an outer ring."""
    import scipy.sparse as sparse

    count = len(positions)
    both_rows = np.concatenate([rows, cols])
    both_cols = np.concatenate([cols, rows])
    matrix = sparse.csr_matrix((np.concatenate([weights, weights]).astype(np.float64), (both_rows, both_cols)),
                               shape=(count, count))
    done = np.zeros(count, dtype=bool)
    done[:placed] = True
    spread = np.sqrt((positions[:placed] ** 2).sum(axis=1))
    step = float(np.median(spread)) / math.sqrt(max(placed, 1)) if placed else 1.0
    step = step or 1.0
    turn = 0
    while not done.all():
        todo = np.flatnonzero(~done)
        links = matrix[todo][:, done]
        total = np.asarray(links.sum(axis=1)).ravel()
        ready = total > 0
        if not ready.any():
            break
        mean = (links[ready] @ positions[done].astype(np.float64)) / total[ready][:, None]
        which = todo[ready]
        angle = (np.arange(len(which)) + turn) * GOLDEN_ANGLE
        radius = step * (1 + (np.arange(len(which)) % 5))
        mean[:, 0] += radius * np.cos(angle)
        mean[:, 1] += radius * np.sin(angle)
        positions[which] = mean.astype(np.float32)
        done[which] = True
        turn += len(which)
    rest = np.flatnonzero(~done)
    if len(rest):
        outer = float(spread.max()) * 1.15 if placed else 1.0
        angle = np.arange(len(rest)) * GOLDEN_ANGLE
        radius = outer + step * np.sqrt(np.arange(len(rest)))
        positions[rest, 0] = radius * np.cos(angle)
        positions[rest, 1] = radius * np.sin(angle)
