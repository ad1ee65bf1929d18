"""The certainty mapping (design.md §4), table-driven."""

import pytest

from evidence import certainty
from evidence.certainty import Grade, Level
from evidence.models import Citation, Source
from tests.factories import make_article, make_citation, make_claim, make_source

H, M, L, VL, NH = Level.HIGH, Level.MODERATE, Level.LOW, Level.VERY_LOW, Level.NO_HUMAN


@pytest.mark.parametrize(
    ("design", "population", "expected"),
    [
        ("sr_rct", "humans", H),
        ("rct", "humans", M),
        ("sr_obs", "humans", L),
        ("cohort", "humans", L),
        ("case_control", "humans", L),
        ("cross_sectional", "humans", VL),
        ("case_series", "humans", VL),
        ("case_report", "humans", VL),
        ("narrative_review", "humans", VL),
        ("expert_opinion", "humans", VL),
        ("animal", "animals", NH),
        ("in_vitro", "in_vitro", NH),
        # The population decides, whatever the design claims.
        ("rct", "animals", NH),
        ("sr_rct", "in_vitro", NH),
        # Press releases and news are not evidence at all.
        ("press_release", "humans", None),
        ("news", "humans", None),
        ("news", "animals", None),
    ],
)
def test_starting_level_from_design_and_population(design, population, expected):
    assert certainty.starting_level(design, population) == expected


def test_every_design_has_a_starting_level_rule():
    assert set(Source.Design.values) == set(certainty.DESIGN_LEVELS)


@pytest.mark.parametrize(
    ("start", "override", "reason", "explanation", "fields_in_error"),
    [
        (M, "", "", "", set()),  # no override
        (M, L, "small_sample", "Slechts 40 deelnemers.", set()),
        (M, H, "large_effect", "Effect tien keer zo groot als placebo.", set()),
        (L, VL, "surrogate", "Alleen labwaarden gemeten.", set()),
        (M, VL, "small_sample", "Twee stappen.", {"level_override"}),  # more than one step
        (H, L, "bias", "Twee stappen.", {"level_override"}),
        (M, M, "bias", "Gelijk.", {"level_override"}),  # same as start
        (M, L, "", "Uitleg zonder reden.", {"override_reason"}),
        (M, L, "small_sample", "", {"override_explanation"}),
        (M, L, "", "   ", {"override_reason", "override_explanation"}),
        (M, H, "small_sample", "Reden past niet bij omhoog.", {"override_reason"}),
        (M, L, "large_effect", "Reden past niet bij omlaag.", {"override_reason"}),
        (NH, VL, "large_effect", "Dieronderzoek omhoog.", {"level_override"}),
        (VL, NH, "population", "Naar niet-humaan.", {"level_override"}),
        (None, VL, "bias", "Persbericht.", {"level_override"}),
        (M, "", "bias", "Reden zonder niveau.", {"level_override"}),
    ],
)
def test_override_rules(start, override, reason, explanation, fields_in_error):
    errors = certainty.override_errors(start, override, reason, explanation)
    assert set(errors) == fields_in_error
    applied = certainty.citation_level(start, override, reason, explanation)
    assert applied == (Level(override) if override and not fields_in_error else start)


@pytest.mark.parametrize(
    ("level", "integrity", "expected"),
    [
        (H, "none", H),
        (H, "correction", H),
        (H, "concern", M),  # an expression of concern lowers one step
        (M, "concern", L),
        (VL, "concern", VL),  # nothing below very low on the human scale
        (NH, "concern", NH),
        (H, "retracted", None),  # a retraction removes it
        (None, "none", None),
    ],
)
def test_integrity_changes_a_citations_level(level, integrity, expected):
    assert certainty.effective_level(level, integrity) == expected


@pytest.mark.parametrize(
    ("supporting", "contradicting", "expected"),
    [
        ([M], [], Grade.MODERATE),  # supporting only: the best supporting level
        ([L, H, VL], [], Grade.HIGH),
        ([NH], [], Grade.NO_HUMAN),
        ([], [], Grade.NONE),
        ([None], [], Grade.NONE),  # a retracted (removed) citation supports nothing
        ([None, L], [], Grade.LOW),
        ([], [H], Grade.NONE),  # contradiction without support is still unsupported
        ([M], [M], Grade.LOW),  # contradicting citation of the same level: one step down
        ([H], [H], Grade.MODERATE),
        ([VL], [VL], Grade.VERY_LOW),
        ([M], [L], Grade.MODERATE),  # weaker contradiction changes nothing
        ([L], [M], Grade.MIXED),  # better contradiction: mixed
        ([L, VL], [H], Grade.MIXED),
        ([NH], [VL], Grade.MIXED),
        ([M], [None], Grade.MODERATE),  # a retracted contradiction is removed too
    ],
)
def test_claim_grade_from_citation_levels(supporting, contradicting, expected):
    assert certainty.grade(supporting, contradicting) == expected


@pytest.mark.parametrize(
    ("grade", "language", "expected"),
    [
        (Grade.HIGH, "nl", "vermindert"),
        (Grade.MODERATE, "nl", "vermindert waarschijnlijk"),
        (Grade.LOW, "nl", "kan mogelijk verminderen"),
        (Grade.VERY_LOW, "nl", "het is onzeker of"),
        (Grade.HIGH, "en", "reduces"),
        (Grade.MODERATE, "en", "probably reduces"),
        (Grade.LOW, "en", "may reduce"),
        (Grade.VERY_LOW, "en", "it is uncertain whether"),
        (Grade.NONE, "nl", ""),
    ],
)
def test_wording_per_level(grade, language, expected):
    assert certainty.wording(grade, language) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("citations", "expected"),
    [
        ([("rct", "none", "supports")], Grade.MODERATE),
        ([("rct", "none", "supports"), ("rct", "none", "contradicts")], Grade.LOW),
        ([("cohort", "none", "supports"), ("sr_rct", "none", "contradicts")], Grade.MIXED),
        ([("sr_rct", "retracted", "supports"), ("cohort", "none", "supports")], Grade.LOW),
        ([("sr_rct", "retracted", "supports")], Grade.NONE),
        ([("sr_rct", "concern", "supports")], Grade.MODERATE),
        ([("animal", "none", "supports")], Grade.NO_HUMAN),
        ([("news", "none", "background"), ("rct", "none", "background")], Grade.NONE),
    ],
)
def test_claim_grade_through_the_models(citations, expected):
    claim = make_claim(make_article())
    for design, integrity, role in citations:
        population = "animals" if design == "animal" else "humans"
        source = make_source(
            design=design,
            population=population,
            integrity_status=integrity,
            integrity_notice="Melding." if integrity != "none" else "",
        )
        make_citation(claim, source, role=role)
    assert claim.grade == expected
    assert certainty.claim_level(claim) == expected


@pytest.mark.django_db
def test_stored_grade_records_mapping_version_and_follows_the_source():
    source = make_source(design=Source.Design.RCT)
    citation = make_citation(make_claim(make_article()), source)
    citation.refresh_from_db()
    assert (citation.level, citation.grading_version) == (M, certainty.MAPPING_VERSION)
    source.design = Source.Design.SYSTEMATIC_REVIEW_RCTS
    source.save()
    assert Citation.objects.get(pk=citation.pk).level == H
