"""The one certainty scale the whole product speaks (GRADE-named, reader-worded).

Every rule that turns a study design into a level, or a set of citations into
a claim's level, lives here. Stored grades record MAPPING_VERSION.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAPPING_VERSION = 1


class Level(models.TextChoices):
    HIGH = "high", _("hoog")
    MODERATE = "moderate", _("matig")
    LOW = "low", _("laag")
    VERY_LOW = "very_low", _("zeer laag")
    NO_HUMAN = "no_human", _("alleen dier-/laboratoriumonderzoek")


# Best first. no_human sits below very_low: it can never support an efficacy claim about people.
ORDER = [Level.HIGH, Level.MODERATE, Level.LOW, Level.VERY_LOW, Level.NO_HUMAN]
