"""How the linter reads a Markdown body: sentences, offsets, markers, lemmas and suggestions."""

import pytest
from django.utils import translation

from evidence import linter
from evidence.certainty import Grade
from evidence.linter import lint
from evidence.sentences import split


def _sentences(text):
    return [(s.kind, text[s.start : s.end]) for s in split(text, {"blz."})]


def test_offsets_give_back_each_sentence_exactly_as_written():
    text = "Zink **vermindert** acne.  Kefir ondersteunt [je darmen](https://x.example/a.b?c=1)!\n"
    found = lint(text, "nl")
    assert [f.sentence for f in found] == [
        "Zink **vermindert** acne.",
        "Kefir ondersteunt [je darmen](https://x.example/a.b?c=1)!",
    ]
    assert all(text[f.start : f.end] == f.sentence for f in found)


def test_code_point_offsets_with_crlf_emoji_and_accents():
    text = "💡 Weetje:\r\nDit is één zin.\r\n\r\nKurkuma geneest psoriasis.\r\n"
    [finding, *_rest] = lint(text, "nl")
    assert text[finding.start : finding.end] == "Kurkuma geneest psoriasis."


def test_headings_list_items_table_cells_quotes_and_callouts_are_separate_blocks():
    text = (
        "## Kurkuma bij psoriasis\n"
        "Kurkuma is een specerij.\n\n"
        "- Drink water\n- Eet groente\n  elke dag\n\n"
        "| Vraag | Zekerheid |\n|---|---|\n| Zink en acne | laag |\n\n"
        "> Een lezer schrijft.\n> Nog een zin.\n\n"
        "!!! weetje\n    De naam is nieuw. Zie blz. 14 voor meer.\n\n"
        "```\nGeneest alles. Niet linten.\n```\n"
    )
    assert _sentences(text) == [
        ("heading", "Kurkuma bij psoriasis"),
        ("paragraph", "Kurkuma is een specerij."),
        ("item", "Drink water"),
        ("item", "Eet groente\n  elke dag"),
        ("cell", "Vraag"),
        ("cell", "Zekerheid"),
        ("cell", "Zink en acne"),
        ("cell", "laag"),
        ("quote", "Een lezer schrijft."),
        ("quote", "Nog een zin."),
        ("paragraph", "De naam is nieuw."),
        ("paragraph", "Zie blz. 14 voor meer."),
    ]


@pytest.mark.parametrize("abbreviation", ["o.a.", "bijv.", "d.w.z.", "et al.", "ca.", "blz."])
def test_dutch_abbreviations_do_not_end_a_sentence(abbreviation):
    text = f"Dit staat {abbreviation} in het rapport van 2020. Tweede zin."
    assert len(_sentences(text)) == 2


def test_a_marker_after_the_full_stop_belongs_to_the_sentence_before_it():
    [first, second] = split("Zink vermindert acne. [[claim:zink]] Tweede zin.")
    assert first.markers == ("zink",) and second.markers == ()


def test_a_marked_claim_is_not_reported_as_unmarked():
    assert lint("Zink vermindert acne [[claim:zink]].", "nl", {"zink": Grade.HIGH}) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Zink vermindert acne.",
        "Zink verminderde de acne.",
        "De acne nam in acht weken af.",
        "Kamille helpt bij een droge huid.",
        "Dat draagt bij aan een gezonde huid.",
    ],
)
def test_inflections_and_separable_verbs_match_one_entry(sentence):
    assert [f.category for f in lint(sentence, "nl")] == [linter.UNCITED]


def test_at_most_one_finding_per_sentence_and_category():
    found = lint(
        "Kurkuma geneest psoriasis en geneest ook eczeem, gegarandeerd, 100% natuurlijk.", "nl"
    )
    categories = [f.category for f in found]
    assert sorted(categories) == sorted(set(categories))


def test_editing_the_sentence_changes_its_hash_but_markup_and_markers_do_not():
    plain = linter.sentence_hash("Kefir ondersteunt je darmen.")
    assert linter.sentence_hash("Kefir **ondersteunt** je darmen [[claim:kefir]].") == plain
    assert linter.sentence_hash("Kefir ondersteunt je darmen echt.") != plain


def test_suggestions_are_concrete_and_follow_the_editors_language(settings):
    [finding] = [f for f in lint("Zink vermindert acne [[claim:z]].", "nl", {"z": "low"})]
    with translation.override("en"):
        assert "kan mogelijk verminderen" in finding.suggestion and "'z'" in finding.suggestion
    [forbidden, _uncited] = lint("Kurkuma geneest psoriasis.", "nl")
    with translation.override("en"):
        assert "“geneest”" in forbidden.suggestion and "1924/2006" in forbidden.suggestion


def test_unknown_language_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match="No lexicon for language 'de'"):
        lint("Zink hilft.", "de")
