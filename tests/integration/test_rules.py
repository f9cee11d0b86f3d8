"""Fast paths against the plain ones, on the development pages: the boilerplate rules' guards
and the byline guard."""

from bench.sets import BENCHMARKS
from etl.page.rules import match, match_plain
from tests.conftest import require


def _dev_lines():
    for folder in ("article_text_dev", "readability_dev", "news_meta_dev"):
        for path in sorted(require(BENCHMARKS / folder / "text").glob("*.txt")):
            for line in path.read_text(encoding="utf-8").split("\n"):
                line = " ".join(line.split())
                if line:
                    yield line


def test_the_guarded_rules_match_exactly_as_every_rule_tried_in_turn():
    """The prefilter (one anchored pattern, substrings each other rule needs) is derived from
    the rules; on every line of every development page it must decide as the plain path."""
    checked = 0
    for line in _dev_lines():
        assert match(line) == match_plain(line), line
        checked += 1
    assert checked > 50_000


def test_lines_the_byline_guard_passes_over_name_nobody():
    """may_name_people skips reading a line for a byline; on every short line of every
    development page, a line it skips is one read_byline finds no person in."""
    from etl.page.people import may_name_people, read_byline

    skipped = 0
    for line in _dev_lines():
        if len(line.split()) <= 25 and not may_name_people(line):
            assert read_byline([line]).people == (), line
            skipped += 1
    assert skipped > 10_000
