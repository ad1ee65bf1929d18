"""The one certainty scale the whole product speaks (GRADE-named, reader-worded).

Every rule that turns a study design into a level, or a set of citations into
a claim's level, lives here; models, the gate, the public rendering and the
coverage report all ask this module. Stored grades record MAPPING_VERSION, so a
later change to the mapping can find the grades made under an older one.

This module knows designs and populations by their stored values only, so it
never imports the models that use it.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAPPING_VERSION = 1


class Level(models.TextChoices):
    HIGH = "high", gettext_lazy("high")
    MODERATE = "moderate", gettext_lazy("moderate")
    LOW = "low", gettext_lazy("low")
    VERY_LOW = "very_low", gettext_lazy("very low")
    NO_HUMAN = "no_human", gettext_lazy("animal/lab studies only")


class Grade(models.TextChoices):
    """A claim's certainty: a level, or one of the two outcomes a level cannot express."""

    HIGH = Level.HIGH.value, Level.HIGH.label
    MODERATE = Level.MODERATE.value, Level.MODERATE.label
    LOW = Level.LOW.value, Level.LOW.label
    VERY_LOW = Level.VERY_LOW.value, Level.VERY_LOW.label
    NO_HUMAN = Level.NO_HUMAN.value, Level.NO_HUMAN.label
    MIXED = "mixed", gettext_lazy("mixed")
    NONE = "none", gettext_lazy("no supporting evidence")


# Best first. no_human sits below very_low: it can never support an efficacy claim about people.
ORDER = [Level.HIGH, Level.MODERATE, Level.LOW, Level.VERY_LOW, Level.NO_HUMAN]
# The steps an editor may move a citation along; population is a fact, not a judgement.
HUMAN_SCALE = ORDER[:4]

# Study design → starting level. None: not evidence at all (it may only be background).
DESIGN_LEVELS = {
    "sr_rct": Level.HIGH,
    "rct": Level.MODERATE,
    "sr_obs": Level.LOW,
    "cohort": Level.LOW,
    "case_control": Level.LOW,
    "cross_sectional": Level.VERY_LOW,
    "case_series": Level.VERY_LOW,
    "case_report": Level.VERY_LOW,
    "narrative_review": Level.VERY_LOW,
    "expert_opinion": Level.VERY_LOW,
    "animal": Level.NO_HUMAN,
    "in_vitro": Level.NO_HUMAN,
    "press_release": None,
    "news": None,
}
NON_HUMAN_POPULATIONS = {"animals", "in_vitro"}

# Override reasons and the direction each may move a citation (GRADE's up- and downgrades).
UPGRADE_REASONS = {"large_effect", "dose_response"}
DOWNGRADE_REASONS = {"population", "surrogate", "strain_dose", "small_sample", "bias"}

# Integrity statuses (Source.Integrity values) that change what a citation is worth.
CONCERN = "concern"
RETRACTED = "retracted"

# How strongly a claim may be worded at each grade (the linter compares against this).
WORDING = {
    Grade.HIGH: {"nl": "vermindert", "en": "reduces"},
    Grade.MODERATE: {"nl": "vermindert waarschijnlijk", "en": "probably reduces"},
    Grade.LOW: {"nl": "kan mogelijk verminderen", "en": "may reduce"},
    Grade.VERY_LOW: {"nl": "het is onzeker of", "en": "it is uncertain whether"},
    Grade.NO_HUMAN: {
        "nl": "is alleen bij dieren of in het laboratorium onderzocht",
        "en": "has only been studied in animals or in the laboratory",
    },
    Grade.MIXED: {"nl": "het onderzoek spreekt elkaar tegen", "en": "the research is conflicting"},
}


def rank(level):
    """Position on the scale, 0 = best."""
    return ORDER.index(Level(level))


def is_better(a, b):
    return rank(a) < rank(b)


def step_down(level):
    """One step less certain; the bottom of the human scale and no_human stay where they are."""
    level = Level(level)
    if level in (Level.VERY_LOW, Level.NO_HUMAN):
        return level
    return ORDER[rank(level) + 1]


def starting_level(design, population):
    """The level a source's design and population give a citation before any judgement."""
    level = DESIGN_LEVELS.get(design)
    if level is None:
        return None
    if population in NON_HUMAN_POPULATIONS:
        return Level.NO_HUMAN
    return level


def override_errors(start, override, reason, explanation):
    """Why an editor's override is not allowed, as {field name: sentence}; empty when it is."""
    if not override:
        if reason or (explanation or "").strip():
            return {
                "level_override": _(
                    "Choose the adjusted level, or leave reason and explanation empty if you keep the starting level."
                )
            }
        return {}
    step_error = _override_step_error(start, Level(override))
    if step_error:
        return {"level_override": step_error}
    errors = {}
    if not reason:
        errors["override_reason"] = _("Choose a reason for adjusting the level.")
    elif not _reason_fits_direction(reason, start, Level(override)):
        errors["override_reason"] = _direction_error(start, Level(override))
    if not (explanation or "").strip():
        errors["override_explanation"] = _(
            "Explain in a few words why the level differs; readers and reviewers must be able to follow this."
        )
    return errors


def _override_step_error(start, override):
    if start is None:
        return _(
            "This source is not evidence (press release or news); its level cannot be adjusted."
        )
    if Level.NO_HUMAN in (start, override):
        return _(
            "Animal and laboratory research stays 'animal/lab studies only'; that level cannot be adjusted."
        )
    if override == start:
        return _("This is already the source's starting level; leave the field empty.")
    if abs(rank(override) - rank(start)) != 1:
        message = _(
            "You may deviate only one step from the starting level (%(start)s): choose %(options)s."
        )
        return message % {"start": start.label, "options": _neighbours(start)}
    return None


def _neighbours(start):
    index = HUMAN_SCALE.index(start)
    near = [HUMAN_SCALE[i] for i in (index - 1, index + 1) if 0 <= i < len(HUMAN_SCALE)]
    return _(" or ").join(str(level.label) for level in near)


def _reason_fits_direction(reason, start, override):
    if is_better(override, start):
        return reason in UPGRADE_REASONS
    return reason in DOWNGRADE_REASONS


def _direction_error(start, override):
    if is_better(override, start):
        return _(
            "A higher level is only allowed for a large effect or a dose-response relationship."
        )
    return _(
        "A large effect or a dose-response relationship is a reason to rate higher, not lower; choose the reason why the evidence is weaker."
    )


def citation_level(start, override="", reason="", explanation=""):
    """A citation's level before integrity: the start, or a valid one-step override."""
    if override and not override_errors(start, override, reason, explanation):
        return Level(override)
    return start


def effective_level(level, integrity):
    """A citation's level after the source's integrity status; None when it no longer counts."""
    if level is None or integrity == RETRACTED:
        return None
    if integrity == CONCERN:
        return step_down(level)
    return Level(level)


def grade(supporting, contradicting=()):
    """A claim's grade from its citations' effective levels (None entries are ignored)."""
    supporting = [Level(level) for level in supporting if level]
    contradicting = [Level(level) for level in contradicting if level]
    if not supporting:
        return Grade.NONE
    best = min(supporting, key=rank)
    if contradicting:
        best_against = min(contradicting, key=rank)
        if is_better(best_against, best):
            return Grade.MIXED
        if best_against == best:
            return Grade(step_down(best))
    return Grade(best)


def claim_level(claim):
    """The grade of a claim, from its citations (prefetch claim.citations with their sources)."""
    supporting, contradicting = [], []
    for citation in claim.citations.all():
        if citation.role == "supports":
            supporting.append(citation.effective_level)
        elif citation.role == "contradicts":
            contradicting.append(citation.effective_level)
    return grade(supporting, contradicting)


def is_at_or_below(claim_grade, level):
    """Whether a claim's grade is as weak as a level or weaker; mixed evidence counts as weak."""
    if claim_grade == Grade.MIXED:
        return True
    if claim_grade == Grade.NONE:
        return False
    return rank(claim_grade) >= rank(level)


def wording(claim_grade, language="nl"):
    """The strongest verb phrase a claim of this grade may use."""
    phrases = WORDING.get(Grade(claim_grade))
    if phrases is None:
        return ""
    return phrases.get(language, phrases["nl"])
