"""Proposing a study design and population from what the registries say, with the reason.

The editor sees every proposal beside its reason and confirms or corrects it
before anything is saved. Proposals err on the cautious side: when nothing in
the record names a design, the lowest level (expert opinion) is proposed.
"""

import re

from django.utils.translation import gettext as _

from evidence.models import Source

from .records import Proposal

D = Source.Design
P = Source.Population

# PubMed publication types, most telling first.
PUBLICATION_TYPES = [
    ("Meta-Analysis", D.SYSTEMATIC_REVIEW_RCTS),
    ("Systematic Review", D.SYSTEMATIC_REVIEW_RCTS),
    ("Randomized Controlled Trial", D.RCT),
    ("Pragmatic Clinical Trial", D.RCT),
    ("Equivalence Trial", D.RCT),
    ("Clinical Trial, Phase III", D.RCT),
    ("Clinical Trial, Phase II", D.RCT),
    ("Controlled Clinical Trial", D.RCT),
    ("Clinical Trial", D.RCT),
    ("Observational Study", D.COHORT),
    ("Case Reports", D.CASE_REPORT),
    ("Review", D.NARRATIVE_REVIEW),
    ("Practice Guideline", D.EXPERT_OPINION),
    ("Guideline", D.EXPERT_OPINION),
    ("Consensus Development Conference", D.EXPERT_OPINION),
    ("Editorial", D.EXPERT_OPINION),
    ("Comment", D.EXPERT_OPINION),
    ("Letter", D.EXPERT_OPINION),
    ("News", D.NEWS),
    ("Newspaper Article", D.NEWS),
]
# MeSH headings that say more than "Observational Study" does.
OBSERVATIONAL_MESH = [
    ("Case-Control Studies", D.CASE_CONTROL),
    ("Cross-Sectional Studies", D.CROSS_SECTIONAL),
    ("Cohort Studies", D.COHORT),
    ("Prospective Studies", D.COHORT),
    ("Longitudinal Studies", D.COHORT),
    ("Retrospective Studies", D.COHORT),
]
# Words in a title (English and Dutch) that name a design.
TITLE_WORDS = [
    (
        r"meta-?analy|systematic review|systematische review|umbrella review",
        D.SYSTEMATIC_REVIEW_RCTS,
    ),
    (r"randomi[sz]ed|gerandomiseerd|placebo-controlled", D.RCT),
    (r"case-control|patiënt-controle", D.CASE_CONTROL),
    (r"cross-sectional|dwarsdoorsnede", D.CROSS_SECTIONAL),
    (r"\bcohort", D.COHORT),
    (r"case series", D.CASE_SERIES),
    (r"case report|casusbeschrijving", D.CASE_REPORT),
    (r"\breview\b|overzichtsartikel", D.NARRATIVE_REVIEW),
]
# Work types in Crossref, BibTeX, RIS and CSL that say something about the design.
WORK_TYPES = {
    "posted-content": None,  # a preprint: said in the reason, no design of its own
    "book": D.NARRATIVE_REVIEW,
    "book-chapter": D.NARRATIVE_REVIEW,
    "monograph": D.NARRATIVE_REVIEW,
    "chapter": D.NARRATIVE_REVIEW,
    "incollection": D.NARRATIVE_REVIEW,
    "inbook": D.NARRATIVE_REVIEW,
    "BOOK": D.NARRATIVE_REVIEW,
    "CHAP": D.NARRATIVE_REVIEW,
    "report": D.EXPERT_OPINION,
    "techreport": D.EXPERT_OPINION,
    "RPRT": D.EXPERT_OPINION,
    "article-newspaper": D.NEWS,
    "article-magazine": D.NEWS,
    "NEWS": D.NEWS,
    "MGZN": D.NEWS,
    "PRESS": D.PRESS_RELEASE,
}
CLINICAL = {D.SYSTEMATIC_REVIEW_RCTS, D.RCT, D.COHORT, D.CASE_CONTROL, D.CROSS_SECTIONAL}
IN_VITRO_MESH = ["In Vitro Techniques", "Cells, Cultured", "Cell Line", "Cell Line, Tumor"]
ANIMAL_WORDS = r"\b(mice|mouse|murine|rats?|rodents?|piglets?|zebrafish|muizen|ratten)\b"
IN_VITRO_WORDS = r"in vitro|cell lines?|cellijn|cultured cells"


def propose(*, publication_types=(), mesh=(), work_type="", title="", keywords=()):
    """(design, population): two Proposals for one record."""
    design = _design(publication_types, mesh, work_type, title, keywords)
    population = _population(mesh, keywords, title, design.value)
    if population.value == P.ANIMALS and design.value not in _REVIEWS:
        design = Proposal(D.ANIMAL, population.reason)
    elif population.value == P.IN_VITRO and design.value not in _REVIEWS:
        design = Proposal(D.IN_VITRO, population.reason)
    return design, population


_REVIEWS = {D.SYSTEMATIC_REVIEW_RCTS, D.SYSTEMATIC_REVIEW_OBS, D.NARRATIVE_REVIEW}


def _design(publication_types, mesh, work_type, title, keywords):
    types = set(publication_types)
    for name, design in PUBLICATION_TYPES:
        if name in types:
            return _from_publication_type(name, design, mesh)
    tagged = _from_keywords(keywords)
    if tagged:
        return tagged
    if work_type in WORK_TYPES and WORK_TYPES[work_type]:
        return Proposal(
            WORK_TYPES[work_type],
            _("The work type is “%(type)s”.") % {"type": work_type},
        )
    for pattern, design in TITLE_WORDS:
        found = re.search(pattern, title or "", re.IGNORECASE)
        if found:
            return Proposal(design, _("The title mentions “%(word)s”.") % {"word": found.group(0)})
    reason = _(
        "Nothing in the record names the study design, so the lowest level (expert opinion) is proposed; choose the real design."
    )
    if work_type == "posted-content":
        reason = _("This is a preprint, not yet peer reviewed. ") + reason
    return Proposal(D.EXPERT_OPINION, reason)


def _from_keywords(keywords):
    """Reference managers keep PubMed's publication types and MeSH terms as tags."""
    tags = {str(tag).casefold(): tag for tag in keywords}
    for name, design in PUBLICATION_TYPES + OBSERVATIONAL_MESH:
        if name.casefold() in tags:
            return Proposal(
                design, _("The record is tagged “%(tag)s”.") % {"tag": tags[name.casefold()]}
            )
    return None


def _from_publication_type(name, design, mesh):
    reason = _("PubMed publication type “%(type)s”.") % {"type": name}
    if design == D.SYSTEMATIC_REVIEW_RCTS:
        reason += " " + _("Check that it pools randomised trials; otherwise choose observational.")
    if name in {"Clinical Trial", "Controlled Clinical Trial"}:
        reason += " " + _("PubMed does not say it was randomised; check.")
    if design == D.COHORT:
        for heading, specific in OBSERVATIONAL_MESH:
            if heading in mesh:
                return Proposal(
                    specific,
                    reason + " " + _("MeSH “%(heading)s”.") % {"heading": heading},
                )
    return Proposal(design, reason)


def _population(mesh, keywords, title, design):
    # MeSH from PubMed, or the same terms kept as tags by a reference manager.
    said = {term: _("Keyword “%(term)s”") % {"term": term} for term in keywords}
    said.update({term: _("MeSH “%(term)s”") % {"term": term} for term in mesh})
    in_vitro = next((term for term in IN_VITRO_MESH if term in said), None)
    if in_vitro and design not in CLINICAL:
        return Proposal(P.IN_VITRO, _("%(said)s: research on cells.") % {"said": said[in_vitro]})
    if "Humans" in said and "Animals" in said:
        return Proposal(
            P.HUMANS, _("Both “Humans” and “Animals” are listed; check which results you cite.")
        )
    if "Humans" in said:
        return Proposal(P.HUMANS, f"{said['Humans']}.")
    if "Animals" in said:
        return Proposal(P.ANIMALS, _("%(said)s without “Humans”.") % {"said": said["Animals"]})
    return _population_from_title(title)


def _population_from_title(title):
    for pattern, population in ((ANIMAL_WORDS, P.ANIMALS), (IN_VITRO_WORDS, P.IN_VITRO)):
        found = re.search(pattern, title or "", re.IGNORECASE)
        if found:
            return Proposal(
                population, _("The title mentions “%(word)s”.") % {"word": found.group(0)}
            )
    return Proposal(
        P.HUMANS,
        _("No MeSH terms say who was studied; humans is assumed. Check this."),
    )
