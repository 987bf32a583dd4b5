"""One spelling per idea: setting names (and so their defaults) live in archiver/config.py,
stats and request meta keys in archiver/stats.py, exit codes in archiver/errors.py.

The package's code is parsed (docstrings and comments are prose and may name a setting);
any other string literal that spells a setting name, a stats key or a meta key outside its
home module fails the test with file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from archiver import config, errors

PACKAGE = Path(config.__file__).parent
README = PACKAGE.parent / "README.md"

SETTING = re.compile(r"\bARCHIVER_[A-Z][A-Z_]*")
STATS_KEY = re.compile(r"^archiver/[a-z_]+(/|$)")
META_KEY = re.compile(r"^_?archiver_[a-z_]+$")
HOMES = {"setting": "config.py", "stats key": "stats.py", "meta key": "stats.py"}
# getattr(crawler, "archiver_state"): an attribute name on the crawler, not a meta key.
_ATTRIBUTE_FUNCTIONS = {"getattr", "setattr", "hasattr"}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _attribute_names(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _ATTRIBUTE_FUNCTIONS:
            found.update(id(arg) for arg in node.args[1:2])
    return found


def misplaced_literals(source: str, module: str) -> list[str]:
    """``"<module>:<line>: <kind> <literal>"`` for every literal spelled outside its home."""
    tree = ast.parse(source)
    skip = _docstring_nodes(tree) | _attribute_names(tree)
    problems: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        kinds = []
        if SETTING.search(node.value):
            kinds.append("setting")
        if STATS_KEY.match(node.value):
            kinds.append("stats key")
        if META_KEY.match(node.value):
            kinds.append("meta key")
        problems += [(node.lineno, f"{module}:{node.lineno}: {kind} {node.value!r}") for kind in kinds
                     if module != HOMES[kind]]
    return [problem for _, problem in sorted(problems)]


def test_settings_stats_and_meta_keys_are_spelled_only_in_their_home_module() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        problems += misplaced_literals(path.read_text(encoding="utf-8"), module)
    assert problems == []


def test_the_checker_finds_each_kind_and_ignores_prose() -> None:
    source = '''"""Reads ARCHIVER_OUTPUT (prose: allowed)."""
import os
# ARCHIVER_LOCK in a comment is prose too
root = settings.get("ARCHIVER_OUTPUT") or "output"
stats.inc_value(f"archiver/posts/{status}")
meta = {"archiver_source": name}
message = f"set ARCHIVER_STATE_URL={url}"
pool = getattr(crawler, "archiver_pool", None)
agent = f"archiver/{version}"
def f():
    """archiver/posts/new is counted by the writer."""
'''
    problems = misplaced_literals(source, "spiders/example.py")
    assert problems == [
        "spiders/example.py:4: setting 'ARCHIVER_OUTPUT'",
        "spiders/example.py:5: stats key 'archiver/posts/'",
        "spiders/example.py:6: meta key 'archiver_source'",
        "spiders/example.py:7: setting 'set ARCHIVER_STATE_URL='",
    ]
    assert misplaced_literals(source.replace("stats.inc_value", "x"), "stats.py") == [
        "stats.py:4: setting 'ARCHIVER_OUTPUT'",
        "stats.py:7: setting 'set ARCHIVER_STATE_URL='",
    ]


def test_every_setting_has_one_default_and_settings_py_takes_it_from_config() -> None:
    from archiver import settings as project_settings

    names = [setting.name for setting in config.ALL]
    assert len(names) == len(set(names)) > 30
    for setting in config.ALL:
        assert getattr(project_settings, setting.name) == setting.default
    assert "ARCHIVER_" not in (PACKAGE / "settings.py").read_text(encoding="utf-8").split('"""', 2)[2].replace(
        "# Every ARCHIVER_* setting", ""
    )


def test_the_readme_lists_exactly_the_settings_of_config_with_their_defaults() -> None:
    section = README.read_text(encoding="utf-8").split("## Settings", 1)[1].split("\n## ", 1)[0]
    listed = set(SETTING.findall(section))
    assert listed == {setting.name for setting in config.ALL}
    for setting in config.ALL:
        row = next(line for line in section.splitlines() if f"`{setting.name}`" in line)
        if row.count("`ARCHIVER_") == 1:  # a row of one setting shows its default
            shown = row.split("|")[2].strip().strip("`")
            assert shown == ('""' if setting.default == "" else str(setting.default)), setting.name


def test_typed_getters_fall_back_to_the_one_default() -> None:
    from scrapy.settings import Settings

    empty = Settings()
    assert config.OUTPUT.get(empty) == "output"
    assert config.OUTPUT.get(Settings({"ARCHIVER_OUTPUT": ""})) == "output"
    assert config.OUTPUT.get({"ARCHIVER_OUTPUT": "/srv/archive"}) == "/srv/archive"
    assert config.LOCK.get(Settings({"ARCHIVER_LOCK": "False"})) is False
    assert config.FEED_MAX_ITEMS.get(Settings({"ARCHIVER_FEED_MAX_ITEMS": "7"})) == 7
    assert config.FLEET_HEARTBEAT.get(empty) == 10.0
    assert str(config.LOCK) == "ARCHIVER_LOCK"


def _name(node: ast.expr) -> str:
    return getattr(node, "attr", getattr(node, "id", ""))


def test_exit_codes_are_spelled_only_in_errors_py() -> None:
    codes = {value for name, value in vars(errors).items() if name.startswith("EXIT_") and isinstance(value, int)}
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # sys.exit(3), SystemExit(4), self.exitcode = 1, exit_code in (0, 4); not os._exit(1)
            # in a worker process, whose code only its pool reads.
            values: list[ast.expr] = []
            if isinstance(node, ast.Call) and _name(node.func) in ("exit", "SystemExit"):
                values = node.args[:1]
            elif isinstance(node, ast.Assign) and any("exit" in _name(target).lower() for target in node.targets):
                values = [node.value]
            elif isinstance(node, ast.FunctionDef) and "exit" in node.name:
                values = [sub.value for sub in ast.walk(node) if isinstance(sub, ast.Return) and sub.value]
            elif isinstance(node, ast.Compare) and ("exit" in _name(node.left).lower() or _name(node.left) == "code"):
                values = [elt for side in node.comparators for elt in getattr(side, "elts", [side])]
            problems += [f"{path.relative_to(PACKAGE)}:{node.lineno}: exit code {value.value}" for value in values
                         if isinstance(value, ast.Constant) and value.value in codes - {0}]
    assert problems == []


# First characters of the East Asian ranges (kana, Han extension A, Han, Hangul):
# a string that starts a range with one of them, or is one (``"\u3400" <= char``),
# spells a script range outside archiver/core/cjk.py.
_RANGE_STARTS = ("\u3040", "\u3400", "\u4e00", "\uac00")


def cjk_ranges_outside_home(source: str, module: str) -> list[str]:
    if module == "core/cjk.py":
        return []
    return [f"{module}:{node.lineno}: {node.value!r}" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and any(node.value == start or f"{start}-" in node.value for start in _RANGE_STARTS)]


def test_cjk_ranges_are_spelled_only_in_core_cjk() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        problems += cjk_ranges_outside_home(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    assert problems == []
    assert cjk_ranges_outside_home('han = sum(1 for c in s if "\\u4e00" <= c <= "\\u9fff")', "x.py") == [
        "x.py:1: '一'"]
    assert cjk_ranges_outside_home('CJK = re.compile("[\\u3400-\\u4dbf]")', "x.py") != []
    assert cjk_ranges_outside_home('NEXT = "下一页"', "x.py") == []
