"""The roll-up in parts: each child's subtree rolled up on its own, merged into the dashboard,
gives what rolling up every form at once gives (consolidated forms at any level included), and
a part kept as JSON reads back the same."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.rollup import DEPARTMENT, PROJECT, FiledForm, Node, Tree, roll_up
from jixiao.core.rollup_parts import Part, merge, part_of, parts_of
from jixiao.core.rulesets import load_ruleset
from jixiao.core.workflow import Status

RULES = load_ruleset("national")
# Two years of forms, so that forms of one year meet often; 2021 has none.
YEARS = (2022, 2023)


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    """A root (a finance bureau filing nothing, or a department that files) with up to four
    children, each with up to three units, some with units of their own."""
    root = Node(1, "根", "/1/", files=draw(st.booleans()))
    nodes = [root]
    next_id = 2

    def add(parent: Node, depth: int) -> None:
        nonlocal next_id
        for _ in range(draw(st.integers(0, 4 if depth == 0 else 2))):
            # Now and then one that files nothing (a bureau under a province's root).
            files = draw(st.integers(0, 5)) > 0
            node = Node(next_id, f"组织{next_id}", f"{parent.path}{next_id}/", files=files)
            next_id += 1
            nodes.append(node)
            if depth < 2:
                add(node, depth + 1)

    add(root, 0)
    return Tree(root, nodes, member="部门")


AMOUNTS = st.one_of(
    st.none(), st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False)
)
SCORES = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))


@st.composite
def filed(draw: st.DrawFn, tree: Tree) -> list[FiledForm]:
    forms = []
    for _ in range(draw(st.integers(0, 30))):
        form_type = draw(st.sampled_from([DEPARTMENT, DEPARTMENT, PROJECT, "department_targets"]))
        project = form_type == PROJECT
        forms.append(
            FiledForm(
                # The root as often as any other: its consolidated form stands for every part.
                organisation=draw(
                    st.one_of(st.just(tree.root.id), st.sampled_from(sorted(tree.nodes)))
                ),
                year=draw(st.sampled_from(YEARS)),
                form_type=form_type,
                status=draw(st.sampled_from([s.value for s in Status])),
                consolidated=form_type == DEPARTMENT and draw(st.booleans()),
                initial_budget=draw(AMOUNTS),
                adjusted_budget=draw(AMOUNTS),
                actual_spending=draw(AMOUNTS),
                task_funds=None if project else draw(AMOUNTS),
                total_score=draw(SCORES) if project else None,
                grade=draw(st.sampled_from(["优", "良", "中", "差", ""])) if project else "",
            )
        )
    return forms


def _kept(part: Part) -> Part:
    return Part.from_data(json.loads(json.dumps(part.as_data())))


@given(data=st.data())
def test_merging_the_parts_is_rolling_up_every_form_at_once(data: st.DataObject) -> None:
    tree = data.draw(trees())
    forms = data.draw(filed(tree))
    year = data.draw(st.sampled_from([None, 2021, *YEARS]))
    # Each part rolled up from its own subtree's organisations and forms only, kept as JSON.
    root = tree.root
    mine = [f for f in forms if f.organisation == root.id]
    own = _kept(part_of(Tree(root, [root], member="部门"), mine))
    parts = {}
    for g in tree.groups:
        top = tree.nodes[g]
        below = [n for n in tree.nodes.values() if n.path.startswith(top.path)]
        of_group = [f for f in forms if tree.nodes[f.organisation].path.startswith(top.path)]
        parts[g] = _kept(part_of(Tree(top, below, member="部门"), of_group))
    # As the web layer rolls them up: all of them from the forms of the whole subtree.
    assert parts_of(tree, forms) == {root.id: own, **parts}
    # The merge needs the root and its children only.
    top = Tree(tree.root, [tree.nodes[g] for g in tree.groups], member=tree.member)
    merged = merge(top, own, parts, year, department_rules=RULES, project_rules=RULES)
    whole = roll_up(tree, forms, year, department_rules=RULES, project_rules=RULES)
    assert merged == whole


def test_a_consolidated_root_form_stands_for_every_part_below_it() -> None:
    root = Node(1, "政法委", "/1/")
    centre, migrants = Node(2, "综治中心", "/1/2/"), Node(3, "来穗中心", "/1/3/")
    tree = Tree(root, [root, centre, migrants], member="单位")

    def form(node: Node, amount: str, *, consolidated: bool = False) -> FiledForm:
        money = Decimal(amount)
        return FiledForm(
            node.id, 2022, DEPARTMENT, "draft", consolidated, money, money, money, None, None, ""
        )

    forms = [form(root, "1175.00", consolidated=True), form(centre, "420"), form(migrants, "655")]
    parts = parts_of(tree, forms)
    own = parts.pop(root.id)
    assert own.consolidated == {2022} and parts[centre.id].sums[2022].forms == 1
    merged = merge(tree, own, parts, 2022, department_rules=RULES, project_rules=RULES)
    assert [(g.label, g.initial_budget) for g in merged.groups] == [
        ("政法委（本级）", Decimal("1175.00"))
    ]
    # Every unit still counts in the filing progress.
    assert dict(merged.progress)["草稿"] == 3
