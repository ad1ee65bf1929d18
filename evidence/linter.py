"""The claim linter: a pure function from text to findings (design §5).

    lint(text, language, levels) -> [Finding]

`levels` maps the keys of the claim markers the editor placed to their
certainty grade (evidence.certainty.Grade values). The linter reads the text
one sentence at a time (evidence.sentences), matches each sentence's lemmas
against the language's lexicon (evidence.lexicon, data in evidence/lexicons/)
and reports at most one finding per sentence and category.

lint() runs in two steps so the expensive one can be stored: analyse() looks
at the words only (it does not depend on the claims' levels) and its result is
stored with the article, keyed by the body's hash and the lexicon version;
findings() then combines a stored analysis with the current levels in
microseconds, which keeps the gate fast.
"""

import hashlib
import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evidence import certainty, lexicon, sentences
from evidence.certainty import Grade

UNCITED = "uncited_claim"
RESEARCH = "research_appeal"
FORBIDDEN = "forbidden_wording"
HYPE = "hype"
OVERSTATED = "overstated"
NON_HUMAN = "non_human_as_human"

CATEGORIES = (UNCITED, RESEARCH, FORBIDDEN, OVERSTATED, NON_HUMAN, HYPE)
CATEGORY_LABELS = {
    UNCITED: gettext_lazy("unmarked health claim"),
    RESEARCH: gettext_lazy("appeal to research without a source"),
    FORBIDDEN: gettext_lazy("cure, treatment or prevention wording"),
    OVERSTATED: gettext_lazy("worded more strongly than the evidence"),
    NON_HUMAN: gettext_lazy("animal or lab result presented as shown in people"),
    HYPE: gettext_lazy("hype"),
}
BLOCKING = frozenset(CATEGORIES) - {HYPE}
# "Geen gezondheidsclaim" settles these; the other blocking categories need a written waiver.
DISMISSABLE = frozenset({UNCITED, RESEARCH})
WAIVABLE = BLOCKING - DISMISSABLE

# How strongly a sentence words an effect: 0 states it as fact … 3 says it is uncertain.
AS_FACT, PROBABLE, POSSIBLE, UNCERTAIN = range(4)
REQUIRED_STRENGTH = {
    Grade.HIGH: AS_FACT,
    Grade.MODERATE: PROBABLE,
    Grade.LOW: POSSIBLE,
    Grade.VERY_LOW: UNCERTAIN,
    Grade.MIXED: UNCERTAIN,
}

SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?…])")
# Headings and table cells are labels, not sentences: they name what the text around them
# claims (and marks), so only cure wording and hype count there.
LABELS = ("heading", "cell")
WORD = re.compile(r"\w+(?:[-'’]\w+)*|%")
QUOTED = re.compile(r"‘[^’\n]*’|“[^”\n]*”|„[^”\"\n]*[”\"]|«[^»\n]*»|\"[^\"\n]*\"")


@dataclass(frozen=True)
class Token:
    lower: str
    lemma: str
    start: int
    end: int
    joined: bool = True  # only spaces stand between this word and the next one


@dataclass(frozen=True)
class SentenceAnalysis:
    """What the words of one sentence say, before any claim's level is known."""

    start: int
    end: int
    kind: str
    markers: tuple
    hash: str
    found: tuple  # ((category, trigger words), …) that do not depend on levels
    strength: int | None  # AS_FACT … UNCERTAIN, None when no effect is worded
    non_human_wording: bool  # says the result comes from animals or the lab
    claim_like: bool
    proposed: str  # Claim.Category value for "Markeer als claim"

    @classmethod
    def from_json(cls, data):
        data = dict(data)
        data["markers"] = tuple(data["markers"])
        data["found"] = tuple(tuple(pair) for pair in data["found"])
        return cls(**data)


@dataclass(frozen=True)
class Analysis:
    language: str
    lexicon_version: str
    sentences: tuple

    def to_json(self):
        return [asdict(sentence) for sentence in self.sentences]

    @classmethod
    def from_json(cls, language, lexicon_version, data):
        return cls(language, lexicon_version, tuple(SentenceAnalysis.from_json(s) for s in data))


@dataclass(frozen=True)
class Finding:
    category: str
    sentence: str
    start: int
    end: int
    sentence_hash: str
    match: str
    language: str
    claim_key: str = ""
    level: str = ""
    proposed_category: str = ""
    kind: str = "paragraph"

    @property
    def blocking(self):
        return self.category in BLOCKING

    @property
    def label(self):
        return CATEGORY_LABELS[self.category]

    @property
    def suggestion(self):
        """What to do, in the active (editor's) language, with wording in the text's language."""
        return SUGGESTIONS[self.category](self)

    def as_dict(self):
        return {
            "sentence": self.sentence,
            "category": self.category,
            "suggestion": self.suggestion,
            "start": self.start,
            "end": self.end,
        }


def plain(sentence_text):
    """The sentence as a reader reads it: markup and markers removed, spacing tidied."""
    text = " ".join(sentences.mask(sentence_text).split())
    return SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)


def normalise(sentence_text):
    """The text a dismissal is bound to: plain text with case ignored."""
    return plain(sentence_text).lower()


def sentence_hash(sentence_text):
    return hashlib.sha256(normalise(sentence_text).encode()).hexdigest()[:32]


def lint(text, language, levels=None):
    """Every finding in a Markdown or plain text; levels: {marker key: Grade value}."""
    return findings(text, analyse(text, language), levels or {})


def analyse(text, language):
    words = lexicon.load(language)
    masked = sentences.mask(text)
    analysed = tuple(
        _analyse_sentence(text, masked, sentence, words)
        for sentence in sentences.split(text, words.abbreviations)
    )
    return Analysis(language, words.version, analysed)


def findings(text, analysis, levels):
    """The findings of an analysis of `text`, given the current levels of the marked claims."""
    result = []
    for sentence in analysis.sentences:
        found = list(sentence.found)
        found += _level_findings(sentence, levels)
        for category, match, *key in found:
            result.append(
                Finding(
                    category=category,
                    sentence=text[sentence.start : sentence.end],
                    start=sentence.start,
                    end=sentence.end,
                    sentence_hash=sentence.hash,
                    match=match,
                    language=analysis.language,
                    claim_key=key[0] if key else "",
                    level=levels.get(key[0], "") if key else "",
                    proposed_category=sentence.proposed,
                    kind=sentence.kind,
                )
            )
    return result


def _level_findings(sentence, levels):
    """Overstated wording and animal results worded as human, for marked claims."""
    for key in sentence.markers:
        level = levels.get(key)
        if level == Grade.NO_HUMAN and sentence.claim_like and not sentence.non_human_wording:
            return [(NON_HUMAN, "", key)]
        required = REQUIRED_STRENGTH.get(level)
        if required is not None and sentence.strength is not None and sentence.strength < required:
            return [(OVERSTATED, "", key)]
    return []


# Reading one sentence ----------------------------------------------------------------------

# Predicates that make a sentence about health a claim without an effect verb (lexicon
# [predicates]), and the frames that say such a sentence is no claim (lexicon [frames]).
PREDICATES = (
    "predicates.change",
    "predicates.comparison",
    "predicates.protection",
    "predicates.need",
    "predicates.relation",
    "predicates.verb",
    "predicates.plural_verb",
)
NOT_CLAIM_FRAMES = ("frames.definition", "frames.method", "frames.composition")
CURE_GROUPS = ("cure.verbs", "cure.against", "cure.remedies", "cure.nouns")
# The group whose words a claim finding quotes, most telling first.
CLAIM_GROUPS = (
    "claims.standalone",
    "claims.evidence",
    "cure.verbs",
    "cure.against",
    "cure.remedies",
    "cure.nouns",
    "claims.causal",
    "claims.associative",
    "claims.property",
)


def _tokens(masked, start, end, words):
    region = masked[start:end]
    if QUOTED.sub("", region).strip(" .,;:!?-–"):
        # Words in quotation marks are someone else's; only the sentence around them counts.
        region = QUOTED.sub(lambda m: " " * len(m.group(0)), region)
    matches = list(WORD.finditer(region))
    tokens = []
    for index, match in enumerate(matches):
        lower = match.group(0).lower()
        following = matches[index + 1].start() if index + 1 < len(matches) else len(region)
        tokens.append(
            Token(
                lower,
                words.lemma(lower),
                start + match.start(),
                start + match.end(),
                joined=not region[match.end() : following].strip(),
            )
        )
    return tokens


def _hits(tokens, words):
    """{group: (first, last) trigger token} of every pattern that matches in the sentence."""
    readings = [words.reading(token) for token in tokens]
    members = [member for member, _candidates in readings]
    hits = {}
    for index, (_member, candidates) in enumerate(readings):
        for pattern in candidates:
            if pattern.group in hits:
                continue
            span = pattern.match_at(tokens, members, index, words.grammar)
            if span is not None:
                hits[pattern.group] = (tokens[span[0]], tokens[span[1]])
    return hits


def _analyse_sentence(text, masked, sentence, words):
    tokens = _tokens(masked, sentence.start, sentence.end, words)
    hits = _hits(tokens, words)
    reading = _Reading(hits, sentence, masked, tokens, words)

    def trigger(group):
        first, last = hits[group]
        return text[first.start : last.end]

    found = tuple((category, trigger(group)) for category, group in reading.categories())
    return SentenceAnalysis(
        start=sentence.start,
        end=sentence.end,
        kind=sentence.kind,
        markers=sentence.markers,
        hash=sentence_hash(text[sentence.start : sentence.end]),
        found=found,
        strength=reading.strength(),
        non_human_wording="terms.non_human" in hits,
        claim_like=reading.claim_like,
        proposed=reading.proposed_category(),
    )


def _gives_reason(tokens, openers):
    """Whether a clause after a comma gives a reason or result: "smeer je huid in, dan houdt
    ze het vocht beter vast" is an instruction and a claim; "bespreek het dan" is advice."""
    return any(
        token.lower in openers and not before.joined
        for before, token in zip(tokens, tokens[1:], strict=False)
    )


class _Reading:
    """The linter's judgement of one sentence from the lexicon groups that matched in it."""

    def __init__(self, hits, sentence, masked, tokens, words):
        self.hits = hits
        self.sentence = sentence
        self.question = masked[sentence.start : sentence.end].rstrip().endswith("?") or self.has(
            "frames.indirect_question"
        )
        context = self.has("terms.health", "terms.product", "terms.medicine")
        instruction = words.grammar.imperative(tokens) and not _gives_reason(
            tokens, words.words_of("frames.consequence")
        )
        self.effect = (
            self.has("claims.standalone")
            or (self.has("claims.evidence") and not instruction)  # "stop als je geen verschil ziet"
            or (context and self.has("claims.causal", "claims.associative", "claims.property"))
        )
        self.described = self._describes_health(instruction)
        self.cure = self._cure_wording()
        # Forbidden wording promises what a product does: one is named ("kurkuma geneest") or
        # pointed at ("dit middeltje geneest"); "bij rokers geneest een wond trager" is physiology.
        # A word that names a medicine is no product, even when it looks like one: "antibioticakuur".
        product = any(
            "terms.product" in groups and "terms.medicine" not in groups
            for groups, _patterns in map(words.reading, tokens)
        )
        promoted = product or self.has("terms.referent")
        self.claim_like = bool(self.effect or self.cure or self.described)
        self.forbidden = (
            self.cure
            and promoted
            and not (
                self._negated_cure(tokens, words.words_of("wording.negation"))
                or self.has("wording.very_low", "wording.natural_course")
                or (self.has("terms.medicine") and not product)
                or self.has("terms.clinician")  # "de huisarts behandelt acne met een zalf"
            )
        )

    def _describes_health(self, imperative):
        """A statement about the body or a condition that changes, compares, causes or protects.

        Claims are often told without an effect verb: "daardoor verliest de huid sneller
        vocht", "de deelnemers waren minder vaak verkouden", "je huid is een spiegel van je
        darmen". Such a sentence is a claim when it speaks of health, unless it is framed as a
        definition, a description of a study's method, a product's make-up or an instruction.
        """
        about_health = self.has("terms.health", "terms.condition") and self.has(*PREDICATES)
        # what a product keeps out is a claim about it too: "zonnebrand houdt uv-straling tegen"
        protects = self.has("terms.product") and self.has("predicates.protection")
        return (about_health or protects) and not imperative and not self.has(*NOT_CLAIM_FRAMES)

    def has(self, *groups):
        return any(group in self.hits for group in groups)

    def _cure_wording(self):
        """Cure, treatment or prevention promised: "geneest" always; "voorkomt", "helpt tegen"
        and the treatment nouns only with a condition as object, the nouns only of a product."""
        condition, product = self.has("terms.condition"), self.has("terms.product")
        # "een remedie is een ouderwets woord voor …" defines the noun and promises nothing
        product = product and not self.has("frames.definition")
        return bool(
            self.has("cure.verbs")
            or (condition and self.has("cure.against"))
            or (product and self.has("cure.remedies"))
            or (product and condition and self.has("cure.nouns"))
        )

    def _cure_group(self):
        return next(g for g in CURE_GROUPS if self.has(g))

    def _negated_cure(self, tokens, negations):
        """'helpt niet tegen', 'geen middel dat geneest': a claim, but no cure promise. A
        negation that opens the cure wording itself is part of the promise: 'geen last meer', and
        so is one inside a hype phrase: 'knocks out a cold in no time'."""
        first, last = self.hits[self._cure_group()]
        hype = self.hits.get("hype.phrases")
        window = [t for t in tokens if first.start - 30 <= t.start <= last.end + 20]
        return any(
            t.lower in negations
            for t in window
            if t is not first and not (hype and hype[0].start <= t.start <= hype[1].start)
        )

    def categories(self):
        """(category, group that triggered it) for every finding the words alone decide."""
        if self.has("wording.reported"):
            return []
        hype = [(HYPE, "hype.phrases")] if self.has("hype.phrases") else []
        if self.question:
            return hype
        found = [(FORBIDDEN, self._cure_group())] if self.forbidden else []
        if self.sentence.kind in LABELS:
            return found + hype
        if not self.sentence.markers:
            found += self._unmarked()
        return found + hype

    def _unmarked(self):
        found = []
        # "ik merkte dat mijn huid …" is experience; "ik weet nu dat bij veel mensen …" is a claim
        experience = (
            self.has("terms.first_person") and not self.has("terms.people") and not self.forbidden
        )
        research = next((g for g in ("research.appeal", "research.report") if self.has(g)), None)
        if research:
            found.append((RESEARCH, research))
        elif self.claim_like and not experience:
            found.append((UNCITED, self._claim_group()))
        if (
            self.has("terms.non_human")
            and self.has("terms.human")
            and (self.claim_like or research)
            and not self.has("wording.very_low")
        ):
            found.append((NON_HUMAN, "terms.non_human"))
        return found

    def _claim_group(self):
        for group in CLAIM_GROUPS:
            if self.has(group) and (self.cure or group not in CURE_GROUPS):
                return group
        return next(group for group in PREDICATES if self.has(group))

    def strength(self):
        if self.has("wording.very_low"):
            return UNCERTAIN
        # "uit onderzoek blijkt" states a result as settled; "een studie vond" only reports one.
        if self.has("wording.strong") or self.has("research.appeal"):
            return AS_FACT
        if self.has("wording.low"):
            return POSSIBLE
        if self.has("wording.moderate"):
            return PROBABLE
        if self.has("claims.causal", "claims.standalone", "cure.verbs", "cure.against"):
            return AS_FACT
        return None

    def proposed_category(self):
        if self.has("terms.safety"):
            return "safety"
        if self.has("terms.non_human"):
            return "mechanism"
        if not (self.effect or self.cure) and not self.has("predicates.comparison"):
            return "mechanism"  # physiology told as change, protection, need or relation
        if self.has("claims.associative") and not self.has("claims.causal", *CURE_GROUPS):
            return "association"
        if self.has("terms.supplement"):
            return "supplement"
        if self.has("terms.diet"):
            return "dietary_advice"
        return "efficacy"


# Suggestions -------------------------------------------------------------------------------


def _uncited(finding):
    return _(
        "This sentence reads as a health claim. Mark it as a claim and cite a source, rephrase it so it claims nothing, or, if it is not a health claim, dismiss it with the reason."
    )


def _research(finding):
    return _(
        "“%(words)s” appeals to research without naming it. Mark the sentence as a claim and cite the study, or remove the appeal."
    ) % {"words": finding.match}


def _forbidden(finding):
    return _(
        "“%(words)s” says that a food, supplement, herb, diet or cosmetic cures, treats or prevents a condition, which EU rules (Regulation 1924/2006) forbid. Rephrase it, e.g. “%(example)s” with a source, or record why this wording is acceptable."
    ) % {"words": finding.match, "example": _hedged_example(finding.language)}


def _overstated(finding):
    return _(
        "The evidence for claim '%(key)s' is %(level)s; word it no more strongly than “%(wording)s”."
    ) % {
        "key": finding.claim_key,
        "level": Grade(finding.level).label,
        "wording": certainty.wording(finding.level, finding.language),
    }


def _non_human(finding):
    if finding.claim_key:
        return _(
            "Claim '%(key)s' rests only on animal or laboratory research; say so in the sentence (e.g. “bij muizen”, “in het laboratorium”) and do not present it as shown in people."
        ) % {"key": finding.claim_key}
    return _(
        "This result comes from animals or the laboratory; do not present it as shown in people, or cite research in people."
    )


def _hype(finding):
    return _(
        "“%(words)s” promises more than evidence can; remove it or replace it with what the research found."
    ) % {"words": finding.match}


def _hedged_example(language):
    return certainty.wording(Grade.LOW, language)


SUGGESTIONS = {
    UNCITED: _uncited,
    RESEARCH: _research,
    FORBIDDEN: _forbidden,
    OVERSTATED: _overstated,
    NON_HUMAN: _non_human,
    HYPE: _hype,
}
