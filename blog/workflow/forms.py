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

    The form carries the revision number it was opened at in a hidden field. The check
    locks the article's row first and runs in the admin's transaction, so of two editors
    saving the same version at the same moment the second waits, then sees the first
    one's revision and is refused. A form that does not say which version it was opened
    at is refused the same way. On a refusal the field moves to the newest number, so
    saving again after looking at the differences is a deliberate choice.
    """

    guard_field = "base_revision"
    # {article pk: number}, shared with the workflow panel of the same request (see admin).
    opened_revisions = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.guard_field] = forms.IntegerField(
            required=False, min_value=0, widget=forms.HiddenInput, initial=self._opened_at()
        )

    def _opened_at(self):
        if not self.instance.pk:
            return 0
        number = revisions.latest_number(self.instance)
        if self.opened_revisions is not None:
            self.opened_revisions[self.instance.pk] = number
        return number

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or self.guard_field in self.errors:
            return cleaned
        base = cleaned.get(self.guard_field)
        newest = revisions.latest_locked(self.instance)
        if newest is None or (base is not None and newest.number <= base):
            return cleaned
        self._move_guard_to(newest.number)
        if base is None:
            raise forms.ValidationError(self._unknown_base_message(newest), code="edit_conflict")
        raise forms.ValidationError(self._conflict_message(base, newest), code="edit_conflict")

    def _move_guard_to(self, number):
        self.data = self.data.copy()
        self.data[self.add_prefix(self.guard_field)] = str(number)

    def _unknown_base_message(self, newest):
        url = reverse("admin:blog_article_versions", args=[self.instance.pk])
        return format_html(
            '{} <a href="{}">{}</a> {}',
            _(
                "This form did not say which version of the article it was opened at, so your changes have not been saved yet; they are shown below. The newest version is %(n)s."
            )
            % {"n": newest.number},
            url,
            _("See the versions"),
            _("and then save again to keep your version."),
        )

    def _conflict_message(self, base, newest):
        url = reverse("admin:blog_article_compare", args=[self.instance.pk])
        who = newest.created_by.get_username() if newest.created_by else _("someone else")
        return format_html(
            '{} <a href="{}?from={}&amp;to={}">{}</a> {}',
            _(
                "This article has changed since you opened it: %(who)s saved version %(n)s at %(when)s. Your changes have not been saved yet and are shown below."
            )
            % {
                "who": who,
                "when": timezone.localtime(newest.created_at).strftime("%H:%M"),
                "n": newest.number,
            },
            url,
            base,
            newest.number,
            _("See what changed"),
            _("and then save again to keep your version."),
        )


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("E.g. what has changed since the previous review."),
    )


class ReviewForm(forms.Form):
    APPROVE = "approve"
    CHANGES = "changes"

    revision = forms.IntegerField(widget=forms.HiddenInput)
    # The content the reviewer was shown: the page may show a version not yet stored.
    content = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Required if you request changes: describe what needs to change."),
    )
    # Set by the button the reviewer presses; the page renders no field for it.
    decision = forms.ChoiceField(
        choices=[
            (APPROVE, gettext_lazy("Approve")),
            (CHANGES, gettext_lazy("Request changes")),
        ],
        error_messages={
            "required": gettext_lazy("Choose 'Approve' or 'Request changes'."),
            "invalid_choice": gettext_lazy("Choose 'Approve' or 'Request changes'."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.CHANGES and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Describe which changes are needed."))
        return cleaned


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        help_text=gettext_lazy(
            "Time in the Netherlands. The publication gate checks now and again at the time of publication."
        ),
    )

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if value <= timezone.now():
            raise forms.ValidationError(
                _("%(when)s is in the past; choose a time in the future.")
                % {"when": timezone.localtime(value).strftime("%d-%m-%Y %H:%M")}
            )
        return value


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (readers see this text)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Give a reason; readers see it on the article page.")
        },
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Correction (readers see this text)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What did it say before, and what is correct now? Shown as 'Correction on [date]: …'."
        ),
        error_messages={"required": gettext_lazy("Describe for readers what was corrected.")},
    )


class PreviewLinkForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("For whom"), max_length=120, required=False)
    days = forms.IntegerField(
        label=gettext_lazy("Valid (days)"),
        initial=7,
        min_value=1,
        max_value=previews.MAX_DAYS,
    )
