"""Just enough sentence structure for the claim linter, read from the lexicon's [grammar] section.

A part-of-speech tagger would be the textbook tool, but a Dutch tagger costs more
than the whole linting budget (< 200 ms for 5,000 words). Three questions decide
most misreadings, and word form, position and a few closed word classes answer them:

- Is this verb form used as an adjective before a noun ("een verhoogde
  doorlaatbaarheid", "de beschermende laag") rather than as the sentence's verb
  ("het supplement verhoogde de kans")? Then it states no effect.
- Is this word a comparative or superlative ("sneller", "droger", "het snelst")?
  Comparisons are how study results and physiology are told without an effect verb.
- Does the sentence open with an imperative ("Meng", "Smeer je", "Kijk in")?
  Instructions are not claims unless they also word an effect outright.

Tokens are linter tokens: .lower, .lemma (simplemma) and .joined (no punctuation
between this token and the next).
"""

import re
from dataclasses import dataclass, field, fields

import simplemma

DOUBLE_VOWEL = re.compile(r"([aeiou])\1")
# Dutch spells a stem's last consonant voiceless: kiezen → kies, geven → geef.
DEVOICED = {"z": "s", "v": "f"}


def _words(entries):
    """A closed word class: entries may list several forms as "a|b|c"."""
    return frozenset(word.lower() for entry in entries for word in entry.split("|"))


def _endings(entries):
    return tuple(sorted(_words(entries), key=len, reverse=True))


def _undouble(word):
    return DOUBLE_VOWEL.sub(r"\1", word)


def _stems(lemma):
    """The spellings of a Dutch verb's stem, vowels undoubled: mengen → meng, laten → lat,
    slikken → slik, kiezen → kies, geven → gef, gaan → ga, doen → doe."""
    stems = {lemma[:-1], lemma[:-2]}
    if len(lemma) > 3 and lemma[-3] == lemma[-4]:
        stems.add(lemma[:-3])
    return {_undouble(stem[:-1] + DEVOICED.get(stem[-1], stem[-1])) for stem in stems if stem}


@dataclass(frozen=True)
class Grammar:
    language: str
    verb_groups: frozenset
    determiners: frozenset
    pronouns: frozenset
    object_pronouns: frozenset
    prepositions: frozenset
    adverbs: frozenset
    conjunctions: frozenset
    intensifiers: frozenset
    auxiliaries: frozenset
    participle_endings: tuple
    present_participle_endings: tuple
    noun_suffixes: tuple
    comparative_endings: tuple
    finite_endings: tuple
    plural_endings: tuple
    comparatives: frozenset
    not_comparatives: frozenset
    neutral_verbs: frozenset
    not_verbs: frozenset
    plurals: frozenset
    separable_particles: tuple
    verb_stems: bool
    # derived once from the lists above (see __post_init__)
    function_words: frozenset = field(init=False)
    before_adjective: frozenset = field(init=False)
    imperative_followers: frozenset = field(init=False)

    def __post_init__(self):
        derived = {
            "function_words": self.determiners
            | self.pronouns
            | self.prepositions
            | self.adverbs
            | self.conjunctions,
            "before_adjective": self.determiners | self.prepositions | self.intensifiers,
            # A Dutch stem form marks the imperative by itself ("Kijk in de spiegel"); an
            # English base form is often a noun too ("People with eczema …"), so there a
            # preposition after it proves nothing.
            "imperative_followers": self.determiners
            | self.object_pronouns
            | self.adverbs
            | (self.prepositions if self.verb_stems else frozenset()),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @classmethod
    def parse(cls, language, data):
        """Every list of the [grammar] section: word classes as sets, endings longest first."""
        read = {frozenset: _words, tuple: _endings}
        values = {
            f.name: read[f.type](data.get(f.name, ()))
            for f in fields(cls)
            if f.init and f.type in read
        }
        return cls(language=language, verb_stems=bool(data.get("verb_stems")), **values)

    def attributive(self, tokens, index):
        """Whether tokens[index], a verb form, is used as an adjective before a noun."""
        token = tokens[index]
        if token.lower == token.lemma or not token.lower.endswith(self.participle_endings):
            return False
        after = tokens[index + 1] if token.joined and index + 1 < len(tokens) else None
        if after is None or after.lower in self.function_words:
            return False  # "de klachten verminderden." / "verminderde de jeuk"
        before = tokens[index - 1].lower if index else None
        if token.lower.endswith(self.present_participle_endings):
            # "de beschermende laag"; but English "is soothing the skin" is a verb
            return before not in self.auxiliaries
        return (
            before is None  # a declarative sentence does not open with its verb
            or before in self.before_adjective
            or after.lower.endswith(self.noun_suffixes)  # "verhoogde doorlaatbaarheid"
        )

    def comparative(self, lower, lemma):
        """Whether a word is a comparative or superlative: sneller, gevoeligere, het snelst."""
        if lower in self.comparatives:
            return True
        if lower in self.not_comparatives or lemma == lower or lemma.endswith("en"):
            return False
        if not lower.endswith(self.comparative_endings):
            return False
        return _undouble(lower)[:3] == _undouble(lemma)[:3]

    def content_verb(self, lower, lemma):
        """Whether a word is a finite form of a verb that says what something does or becomes
        ("dempt", "ontregelt", "verbleekt", "dempte"; English "faded", "disappeared"), not of
        a verb of being, having, saying, using or studying (`neutral_verbs`). Only unambiguous
        forms count: the word ends as a finite verb does (`finite_endings`: Dutch -t, -de, -te,
        -den, -ten; English -ed) and what comes before is the stem of its lemma. Plurals and
        infinitives look like nouns ("het leven", English "feeds"), and simplemma reads some
        adjectives as verbs ("droog" → drogen), so those are left to the word lists."""
        if lemma == lower or (self.verb_stems and not lemma.endswith("en")):
            return False
        if lower in self.function_words or lower in self.not_verbs:
            return False
        if lemma in self.neutral_verbs or lower in self.neutral_verbs:
            return False
        ending = next((e for e in self.finite_endings if lower.endswith(e)), None)
        if ending is None:
            return False
        # the rest must be the verb's stem: "dempt" ← dempen, "faded" ← fade; "vuist" is no
        # form of "vuisten"
        rest = lower[: -len(ending)]
        if self.verb_stems:
            return _undouble(rest) in _stems(lemma)
        return rest in {lemma, lemma[:-1], lemma + lemma[-1:], lemma[:-1] + "i"}

    def content_infinitive(self, lower, lemma):
        """Dutch: whether a word is an infinitive or plural of such a verb ("overleven")."""
        if not self.verb_stems or lemma != lower or not lower.endswith("en"):
            return False
        if lower in self.function_words or lower in self.not_verbs or lower in self.neutral_verbs:
            return False
        return simplemma.is_known(lower, lang=self.language)

    def plural(self, lower, lemma):
        """Whether a noun is plural: "vezels" ← vezel, "bacteriën", or a listed Latin plural."""
        if lower in self.plurals:
            return True
        return lemma != lower and lower.endswith(self.plural_endings)

    def imperative(self, tokens):
        """Whether the sentence opens with an imperative: "Meng twee …", "Smeer je huid …".

        The first word must be a verb stem and the second a word an imperative takes (an
        article, an object pronoun, an adverb): "People who …" and "Mensen die …" open with
        their subject."""
        if len(tokens) < 2 or not tokens[0].joined:
            return False
        first, second = tokens[0], tokens[1]
        if first.lower in self.function_words or second.lower not in self.imperative_followers:
            return False
        return self._verb_stem(first) if self.verb_stems else first.lower == first.lemma

    def _verb_stem(self, token):
        """Dutch: the word is the bare stem of a verb (meng ← mengen, laat ← laten, kies ← kiezen)."""
        lower, lemma = token.lower, token.lemma
        if lemma == lower:  # simplemma reads some stems as nouns: zorg, gebruik
            return len(lower) > 2 and simplemma.is_known(lower + "en", lang=self.language)
        return lemma.endswith("n") and _undouble(lower) in _stems(lemma)
