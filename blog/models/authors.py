from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Author(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    credentials = models.CharField(
        _("kwalificaties"),
        max_length=200,
        help_text=_("Zoals lezers ze zien, bijv. 'dermatoloog' of 'doctor in de psychologie, geen arts'."),
    )
    is_health_professional = models.BooleanField(
        _("geregistreerd zorgprofessional"),
        default=False,
        help_text=_("Alleen aanvinken bij een geldige BIG-registratie of vergelijkbaar."),
    )
    big_number = models.CharField(_("BIG-nummer"), max_length=20, blank=True)
    bio = models.TextField(_("biografie"), blank=True)
    disclosure = models.TextField(
        _("belangenverklaring"),
        blank=True,
        help_text=_("Financiële of andere belangen die lezers moeten kennen; leeg = geen."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:author", kwargs={"slug": self.slug})
