"""The disclaimers and rules every installation starts with.

ensure_default_disclaimers() is idempotent: it creates what is missing and
never overwrites a text an editor has since revised. A data migration calls it
(pass the migration's Disclaimer and DisclaimerRule models) and seed_demo
calls it without arguments.
"""

from django.db import transaction

from evidence.models import Disclaimer, DisclaimerRule

GENERAL = "algemeen"
SUPPLEMENT = "supplement"
PRELIMINARY = "voorlopig-bewijs"
NON_HUMAN = "dier-lab"
OPINION = "mening"
COMMERCIAL = "commercieel"
PERSONAL_EXPERIENCE = "persoonlijke-ervaring"

DISCLAIMERS = [
    {
        "slug": GENERAL,
        "kind": "general",
        "title": "Algemeen medisch",
        "text_nl": "Dit artikel geeft algemene informatie en vervangt geen advies van je arts. "
        "Heb je klachten, of wil je iets veranderen aan je behandeling of "
        "medicijnen? Overleg dan eerst met je huisarts of specialist.",
        "text_en": "This article gives general information and does not replace advice from "
        "your doctor. If you have symptoms, or want to change your treatment or "
        "medication, talk to your GP or specialist first.",
        "rules": [{"condition": "always"}],
    },
    {
        "slug": SUPPLEMENT,
        "kind": "supplement",
        "title": "Supplementen",
        "text_nl": "Een supplement is geen vervanging voor gevarieerde voeding. Supplementen "
        "kunnen wisselwerking hebben met medicijnen; vraag bij twijfel je arts of "
        "apotheker.",
        "text_en": "A supplement is no substitute for a varied diet. Supplements can interact "
        "with medication; if in doubt, ask your doctor or pharmacist.",
        "rules": [{"condition": "category", "category": "supplement"}],
    },
    {
        "slug": PRELIMINARY,
        "kind": "preliminary",
        "title": "Voorlopig bewijs",
        "text_nl": "Een deel van het onderzoek in dit artikel is voorlopig: de zekerheid is laag "
        "of zeer laag. Nieuw onderzoek kan de conclusies nog veranderen.",
        "text_en": "Some of the research in this article is preliminary: its certainty is low "
        "or very low. New research may still change the conclusions.",
        "rules": [{"condition": "level", "level": "low"}],
    },
    {
        "slug": NON_HUMAN,
        "kind": "non_human",
        "title": "Alleen dier-/labonderzoek",
        "text_nl": "Voor minstens één bewering in dit artikel is alleen onderzoek bij dieren of "
        "in het laboratorium gedaan. Of hetzelfde bij mensen gebeurt, is niet bekend.",
        "text_en": "At least one statement in this article rests only on research in animals "
        "or in the laboratory. Whether the same happens in people is not known.",
        "rules": [{"condition": "non_human"}],
    },
    {
        "slug": OPINION,
        "kind": "opinion",
        "title": "Mening",
        "text_nl": "Dit artikel bevat ook meningen of verwachtingen van de auteur. Die zijn als "
        "'mening' gemarkeerd en niet door onderzoek onderbouwd.",
        "text_en": "This article also contains the author's opinions or expectations. They are "
        "marked as 'opinion' and are not backed by research.",
        "rules": [{"condition": "opinion"}],
    },
    {
        "slug": COMMERCIAL,
        "kind": "commercial",
        "title": "Advertentie / betaalde samenwerking",
        "text_nl": "Advertentie / betaalde samenwerking: Gutcheck ontvangt een vergoeding als "
        "je via een gemarkeerde link iets koopt. Dat verandert niets aan hoe we het "
        "bewijs beoordelen.",
        "text_en": "Advertisement / paid partnership: Gutcheck receives a fee if you buy "
        "something through a marked link. It does not change how we assess the "
        "evidence.",
        "rules": [{"condition": "commercial"}],
    },
    {
        "slug": PERSONAL_EXPERIENCE,
        "kind": "experience",
        "title": "Persoonlijke ervaring",
        "text_nl": "Persoonlijke ervaring — niet representatief en geen medisch advies. Wat voor "
        "de een werkt, kan voor een ander niet werken of schadelijk zijn.",
        "text_en": "Personal experience — not representative and not medical advice. What works "
        "for one person may not work for another, or may do harm.",
        "rules": [],
    },
]


def ensure_default_disclaimers(disclaimer_model=Disclaimer, rule_model=DisclaimerRule):
    """Create the default disclaimers and their rules where missing; returns how many were new.

    The data migration passes its historical models; everyone else uses today's."""
    created = 0
    with transaction.atomic():
        for spec in DISCLAIMERS:
            fields = {k: v for k, v in spec.items() if k not in ("slug", "rules")}
            disclaimer, new = disclaimer_model.objects.get_or_create(
                slug=spec["slug"], defaults=fields
            )
            created += int(new)
            for rule in spec["rules"]:
                rule_model.objects.get_or_create(
                    disclaimer=disclaimer,
                    condition=rule["condition"],
                    category=rule.get("category", ""),
                    level=rule.get("level", ""),
                )
    return created


def remove_default_disclaimers(disclaimer_model, rule_model):
    """Reverse of the data migration: remove defaults no article uses yet."""
    slugs = [spec["slug"] for spec in DISCLAIMERS]
    unused = disclaimer_model.objects.filter(slug__in=slugs, attachments__isnull=True)
    rule_model.objects.filter(disclaimer__in=unused).delete()
    unused.delete()
