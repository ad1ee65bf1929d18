"""How the linter reads sentence structure (evidence/grammar.py) and the data-file syntax a
developer extends the lexicons with (evidence/lexicon.py)."""

import pytest

from evidence import lexicon, linter
from evidence.lexicon import Lexicon
from evidence.linter import lint


def _categories(text, language="nl"):
    return {f.category for f in lint(text, language)}


def _lexicon(groups):
    data = {"version": 1, "sentences": {"abbreviations": []}, "terms": {}, "claims": {}}
    for name, entries in groups.items():
        section, group = name.split(".")
        data.setdefault(section, {})[group] = entries
    return Lexicon("nl", data, "0" * 64)


def _matches(lex, text, group):
    tokens = linter._tokens(text, 0, len(text), lex)
    return group in linter._hits(tokens, lex)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Het supplement verhoogde de kans op acne.", True),
        ("Een verhoogde doorlaatbaarheid van de darm meten artsen met een suikertest.", False),
        ("De huisarts legt uit wat sterk verhoogde ontstekingswaarden betekenen.", False),
        ("De beschermende buitenlaag van de huid heet de hoornlaag.", False),
        ("Een vette crème beschermt de huid tegen uitdroging.", True),
    ],
)
def test_a_verb_form_before_a_noun_is_an_adjective_and_states_no_effect(text, claim):
    assert (linter.UNCITED in _categories(text)) is claim


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zink voorkomt acne.", {linter.FORBIDDEN, linter.UNCITED}),
        ("Met cranberrysap voorkom je blaasontsteking.", {linter.FORBIDDEN, linter.UNCITED}),
        ("Acne komt vooral voor in de puberteit.", set()),
        ("Rosacea is een aandoening die vooral bij vrouwen boven de dertig voorkomt.", set()),
        ("Eczeem is een van de meest voorkomende huidaandoeningen bij kinderen.", set()),
        ("Psoriasis kan op elke leeftijd voorkomen.", set()),
    ],
)
def test_voorkomen_prevents_with_an_object_and_occurs_with_a_place_or_frequency(text, expected):
    assert _categories(text) == expected


def test_an_instruction_is_no_claim_unless_it_gives_a_reason_after_a_comma():
    assert _categories("Kijk in de spiegel of je huid ergens rood is.") == set()
    assert _categories("Drink meer water als je last hebt van verstopping.") == set()
    assert _categories("Smeer je huid na het douchen in, dan houdt ze het vocht beter vast.") == {
        linter.UNCITED
    }
    assert _categories("Mensen met rosacea hebben een gevoeligere huid dan gemiddeld.") == {
        linter.UNCITED
    }


@pytest.mark.parametrize(
    ("word", "lemma", "comparative"),
    [
        ("sneller", "snel", True),
        ("gevoeligere", "gevoelig", True),
        ("lager", "laag", True),
        ("later", "laat", False),
        ("dertigste", "dertig", False),
        ("lever", "leveren", False),
        ("water", "water", False),
    ],
)
def test_comparatives_are_read_from_the_word_and_its_lemma(word, lemma, comparative):
    assert lexicon.load("nl").grammar.comparative(word, lemma) is comparative


def test_a_trend_or_advice_is_no_comparison():
    assert _categories("Steeds vaker wordt de darm genoemd als oorzaak van huidklachten.") == set()
    assert (
        _categories("Met een beschadigde huidbarrière kun je het beste naar de huisarts.") == set()
    )
    assert _categories("Met magnesium slaap je beter en herstellen je spieren sneller.") == {
        linter.UNCITED
    }


def test_a_verb_no_list_names_still_counts_but_a_noun_that_looks_like_one_does_not():
    assert _categories("Omega-3 uit vette vis dempt ontstekingsreacties in het lichaam.") == {
        linter.UNCITED
    }
    assert _categories("Probiotica overleven de maag vaak niet.") == {linter.UNCITED}
    assert _categories("Bij jeuk kun je de hand tot een vuist maken en de huid koelen.") == set()


def test_the_writer_is_no_experience_when_the_sentence_speaks_of_people_in_general():
    assert _categories("Ik merkte dat mijn huid in de winter sneller uitdroogt.") == set()
    assert _categories(
        "Inmiddels weet ik dat alcohol bij veel mensen met rosacea een trigger is."
    ) == {linter.UNCITED}


def test_a_separable_participle_is_read_as_its_verb():
    assert lexicon.load("nl").lemma("afgebroken") == "afbreken"
    assert _categories("Collageen wordt in je maag afgebroken tot losse aminozuren.") == {
        linter.UNCITED
    }


def test_a_sentence_that_opens_with_a_number_is_split_off():
    found = lint("Deze thee reinigt je darmen. 100% natuurlijk!", "nl")
    assert sorted((f.sentence, f.category) for f in found) == [
        ("100% natuurlijk!", linter.HYPE),
        ("Deze thee reinigt je darmen.", linter.UNCITED),
    ]


def test_a_gap_can_be_limited_and_a_word_can_name_a_group():
    lex = _lexicon(
        {
            "terms.condition": ["acne"],
            "claims.causal": ["minder ...1 @condition"],
        }
    )
    assert _matches(lex, "minder acne", "claims.causal")
    assert _matches(lex, "minder erge acne", "claims.causal")
    assert not _matches(lex, "minder wil lezen over acne", "claims.causal")


def test_unless_near_before_looks_back_no_further_than_the_object():
    lex = _lexicon(
        {
            "terms.condition": ["acne"],
            "cure.against": [{"match": "voorkomen", "unless_near_before": ["bij"]}],
        }
    )
    assert not _matches(lex, "die vooral bij vrouwen boven de dertig voorkomt", "cure.against")
    assert _matches(lex, "kan bij tieners acne voorkomen", "cure.against")


def test_a_pattern_does_not_run_across_a_comma():
    lex = _lexicon({"claims.causal": ["hebben ... nodig"]})
    assert _matches(lex, "darmbacteriën hebben vezels nodig", "claims.causal")
    assert not _matches(lex, "die coeliakie hebben, is een dieet nodig", "claims.causal")


def test_a_person_or_a_place_before_voorkomen_is_where_it_occurs_not_what_it_prevents():
    lex = _lexicon(
        {
            "terms.condition": ["acne"],
            "terms.health": ["darm"],
            "terms.human": ["vrouwen"],
            "grammar.determiners": ["de|het|een"],
            "cure.against": [{"match": "voorkomen", "unless_near_before": ["bij", "in"]}],
        }
    )
    assert not _matches(lex, "die vooral bij vrouwen voorkomt", "cure.against")
    assert not _matches(lex, "een gist die bij iedereen in de darm voorkomt", "cure.against")
    assert _matches(lex, "kan bij vrouwen acne voorkomen", "cure.against")


def test_unless_before_last_cancels_on_the_word_before_the_last_one():
    lex = _lexicon(
        {"research.report": [{"match": "onderzoek ... vinden", "unless_before_last": ["te"]}]}
    )
    assert _matches(lex, "het onderzoek vond geen verschil", "research.report")
    assert not _matches(lex, "ik probeerde het onderzoek te vinden", "research.report")


def test_a_word_that_names_a_medicine_is_no_product():
    # "*kuur" would make "antibioticakuur" a product; the medicine reading wins.
    assert _categories("Een antibioticakuur verhelpt een blaasontsteking.") == {"uncited_claim"}
    assert "forbidden_wording" in _categories("Deze kruidenkuur verhelpt een blaasontsteking.")
