from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Author(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    credentials = models.CharField(
        _("qualifications"),
        max_length=200,
        help_text=_(
            "As readers see them, e.g. 'dermatologist' or 'PhD in psychology, not a physician'."
        ),
    )
    is_health_professional = models.BooleanField(
        _("registered healthcare professional"),
        default=False,
        help_text=_("Only check with a valid BIG registration or equivalent."),
    )
    big_number = models.CharField(_("BIG number"), max_length=20, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    disclosure = models.TextField(
        _("declaration of interests"),
        blank=True,
        help_text=_("Financial or other interests readers should know about; empty = none."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:author", kwargs={"slug": self.slug})
