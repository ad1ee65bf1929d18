"""The development table: every row gets exactly the categories it is labelled with."""

import pytest

from evidence.linter import CATEGORIES, lint
from tests.linter_sets import development

ROWS, LEVELS = development()


def test_the_table_covers_both_languages_and_every_category():
    assert len(ROWS["nl"]) >= 120 and len(ROWS["en"]) >= 40
    for language in ("nl", "en"):
        seen = set().union(*(labels for _text, labels in ROWS[language]))
        assert seen == set(CATEGORIES), language


@pytest.mark.parametrize(
    ("language", "text", "labels"),
    [(lang, text, labels) for lang in ("nl", "en") for text, labels in ROWS[lang]],
    ids=lambda value: value[:60] if isinstance(value, str) else None,
)
def test_row(language, text, labels):
    found = lint(text, language, LEVELS)
    assert {f.category for f in found} == set(labels)
    assert all(text[f.start : f.end] == f.sentence for f in found)
