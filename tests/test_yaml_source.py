"""YAML parsing keeps positions and refuses hostile input quickly."""

from __future__ import annotations

from recovery_site.yaml_source import parse_yaml


def test_positions_of_keys_and_values() -> None:
    data, smap, problems = parse_yaml("a: 1\nlist:\n  - x: 2\n    y: 3\n", "f.yml")
    assert problems == []
    # plain scalars stay text: the models give them their types
    assert data == {"a": "1", "list": [{"x": "2", "y": "3"}]}
    assert smap.key_at(("list", 0, "y")) == (4, 5)
    assert smap.value_at(("list", 0, "y")) == (4, 8)
    assert smap.value_at(("list", 0, "missing")) == (3, 5)


def test_positions_inside_block_and_quoted_text() -> None:
    text = 'a: |\n  first line\n  second line\nb: "quoted text"\n'
    data, smap, _ = parse_yaml(text, "f.yml")
    offset = data["a"].index("second")
    assert smap.position_in_text(("a",), data["a"], offset) == (3, 3)
    assert smap.position_in_text(("b",), data["b"], data["b"].index("text")) == (4, 12)


def test_line_offset_shifts_every_position() -> None:
    _data, smap, _ = parse_yaml("a: 1\n", "f.md", line_offset=1)
    assert smap.key_at(("a",)) == (2, 1)


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    data, _smap, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yml")
    assert data is None
    assert [d.code for d in problems] == ["yaml-too-complex"]


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 500 + "]" * 500 + "\n"
    data, _smap, problems = parse_yaml(text, "deep.yml")
    assert data is None
    assert [d.code for d in problems] == ["yaml-too-complex"]


def test_multiple_documents_are_a_syntax_error() -> None:
    data, _smap, problems = parse_yaml("a: 1\n---\nb: 2\n", "two.yml")
    assert data is None
    assert [(d.code, d.line) for d in problems] == [("yaml-syntax", 2)]


def test_empty_and_null_values_are_none() -> None:
    data, _smap, _ = parse_yaml('a:\nb: ~\nc: null\nd: ""\n', "f.yml")
    assert data == {"a": None, "b": None, "c": None, "d": ""}
