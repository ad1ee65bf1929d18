"""Forms for the workflow's admin pages. Each keeps what was typed when it is refused."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.workflow import previews, revisions


class RevisionGuardMixin:
    """No silent overwrite: refuse a save when someone else saved since this form was opened.

    The form carries the revision number it was opened at in a hidden field. On a
    conflict the field moves to the newest number, so saving again after looking
    at the differences is a deliberate choice.
    """

    guard_field = "base_revision"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initial = revisions.latest_number(self.instance) if self.instance.pk else 0
        self.fields[self.guard_field] = forms.IntegerField(
            required=False, min_value=0, widget=forms.HiddenInput, initial=initial
        )

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get(self.guard_field)
        if self.instance.pk and base is not None:
            newest = revisions.latest(self.instance)
            if newest is not None and newest.number > base:
                self._move_guard_to(newest.number)
                raise forms.ValidationError(
                    self._conflict_message(base, newest), code="edit_conflict"
                )
        return cleaned

    def _move_guard_to(self, number):
        self.data = self.data.copy()
        self.data[self.add_prefix(self.guard_field)] = str(number)

    def _conflict_message(self, base, newest):
        url = reverse("admin:blog_article_compare", args=[self.instance.pk])
        who = newest.created_by.get_username() if newest.created_by else _("iemand anders")
        return format_html(
            '{} <a href="{}?from={}&amp;to={}">{}</a> {}',
            _(
                "Dit artikel is gewijzigd sinds je het opende: %(who)s sloeg om %(when)s versie "
                "%(n)s op. Je wijzigingen zijn nog niet opgeslagen en staan hieronder."
            )
            % {
                "who": who,
                "when": timezone.localtime(newest.created_at).strftime("%H:%M"),
                "n": newest.number,
            },
            url,
            base,
            newest.number,
            _("Bekijk wat er veranderde"),
            _("en sla daarna opnieuw op om jouw versie te bewaren."),
        )


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Toelichting voor de beoordelaar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Bijv. wat er sinds de vorige beoordeling is veranderd."),
    )


class ReviewForm(forms.Form):
    APPROVE = "approve"
    CHANGES = "changes"

    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Verplicht als je om wijzigingen vraagt: schrijf op wat er moet veranderen."
        ),
    )
    # Set by the button the reviewer presses; the page renders no field for it.
    decision = forms.ChoiceField(
        choices=[
            (APPROVE, gettext_lazy("Goedkeuren")),
            (CHANGES, gettext_lazy("Wijzigingen vragen")),
        ],
        error_messages={
            "required": gettext_lazy("Kies 'Goedkeuren' of 'Wijzigingen vragen'."),
            "invalid_choice": gettext_lazy("Kies 'Goedkeuren' of 'Wijzigingen vragen'."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.CHANGES and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Schrijf op welke wijzigingen nodig zijn."))
        return cleaned


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publiceren op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        help_text=gettext_lazy(
            "Tijd in Nederland. De poort controleert nu én op het moment van publicatie."
        ),
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError(
                _("%(when)s ligt in het verleden; kies een moment in de toekomst.")
                % {"when": timezone.localtime(value).strftime("%d-%m-%Y %H:%M")}
            )
        return value


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reden (lezers zien deze tekst)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy(
                "Geef een reden op; lezers zien die op de pagina van het artikel."
            )
        },
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Correctie (lezers zien deze tekst)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Wat stond er eerst, wat klopt er nu? Wordt getoond als 'Correctie op [datum]: …'."
        ),
        error_messages={"required": gettext_lazy("Schrijf voor lezers op wat er gecorrigeerd is.")},
    )


class PreviewLinkForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Voor wie"), max_length=120, required=False)
    days = forms.IntegerField(
        label=gettext_lazy("Geldig (dagen)"),
        initial=7,
        min_value=1,
        max_value=previews.MAX_DAYS,
    )
