"""The reader's form: a question/comment or a structured experience.

Every error names the field and what to do, and a re-shown form keeps all that
was typed (a stale timestamp is replaced, never the reader's text).
"""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments import antispam, conf
from comments.models import BODY_MAX_CHARS, EXPERIENCE_FIELDS, Comment

# Invisible characters that only serve to hide or reorder text (C0/C1 controls, bidi overrides).
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

CONSENT_TEXT = _(
    "I give Gutcheck permission to publish this experience about my health with my name. I can withdraw it at any time using the link I receive after sending."
)


class PlainTextField(forms.CharField):
    """Text as the reader typed it, minus invisible control characters."""

    def to_python(self, value):
        value = super().to_python(value)
        return INVISIBLE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def open_kinds(article):
    """The kinds of contribution this article accepts now, in form order."""
    kinds = []
    if article.comments_open:
        kinds.append(Comment.Kind.COMMENT)
    if article.experiences_open:
        kinds.append(Comment.Kind.EXPERIENCE)
    return kinds


class CommentForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("What would you like to share?"),
        choices=Comment.Kind.choices,
        widget=forms.RadioSelect,
        initial=Comment.Kind.COMMENT,
        error_messages={
            "required": _("Choose whether you are asking a question or sharing an experience.")
        },
    )
    name = PlainTextField(
        label=_("Name"),
        max_length=80,
        help_text=_("A first name or nickname is enough; this name appears with your submission."),
        error_messages={
            "required": _("Enter your name; a first name or nickname is enough."),
            "max_length": _("Your name is too long: at most %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        help_text=_(
            "We never show it. We only use it to send you the link for withdrawing your submission."
        ),
        error_messages={
            "invalid": _("This email address is not valid; correct it or leave the field empty.")
        },
    )
    body = PlainTextField(
        label=_("Your message"),
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Plain text, at most 5000 characters. Links to web pages become clickable; formatting (HTML) does not."
        ),
        error_messages={
            "required": _("Write your question, comment or experience."),
            "max_length": _(
                "Your text is %(show_value)d characters; the maximum is %(limit_value)d. Please shorten it a little."
            ),
        },
    )
    condition = PlainTextField(
        label=_("Condition or complaint"),
        max_length=120,
        required=False,
        help_text=_("For example 'eczema' or 'irritable bowel'."),
    )
    tried = PlainTextField(
        label=_("What did you try?"),
        max_length=200,
        required=False,
        help_text=_("For example 'kefir at breakfast'. Please avoid brand names."),
    )
    tried_type = forms.ChoiceField(
        label=_("What kind of remedy was it?"),
        required=False,
        choices=[("", _("— choose —")), *Comment.TriedType.choices],
    )
    duration = PlainTextField(
        label=_("How long?"),
        max_length=80,
        required=False,
        help_text=_("For example '6 weeks'."),
    )
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        required=False,
        choices=Comment.Outcome.choices,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False)
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "The submission you are replying to is not (or no longer) visible. Your text is still there: post it as a new comment."
            )
        },
    )
    # Honeypot: hidden from people, irresistible to form-filling robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["kind", "name", "email", "body", *EXPERIENCE_FIELDS, "parent"]

    def __init__(self, *args, article, sent_at=None, **kwargs):
        """sent_at: validate as of that moment (a refused attempt shown again after a redirect)."""
        kwargs.setdefault("instance", Comment(article=article))
        super().__init__(*args, **kwargs)
        self.article = article
        self.sent_at = sent_at
        self.fields["parent"].queryset = Comment.objects.public().filter(
            article=article, parent__isnull=True
        )
        if not self.is_bound:
            self.initial["started"] = antispam.issue_form_token(article)
        kinds = open_kinds(article)
        if self.is_reply:
            self.fields["kind"].widget = forms.HiddenInput()
            self.initial["kind"] = Comment.Kind.COMMENT
        elif len(kinds) == 1:
            self.fields["kind"].widget = forms.HiddenInput()
            self.initial["kind"] = kinds[0]

    @property
    def is_reply(self):
        return bool(self["parent"].value())

    @property
    def accepts_experiences(self):
        return not self.is_reply and Comment.Kind.EXPERIENCE in open_kinds(self.article)

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if kind not in open_kinds(self.article):
            if kind == Comment.Kind.EXPERIENCE:
                raise forms.ValidationError(
                    _("Sharing experiences is turned off for this article.")
                )
            raise forms.ValidationError(
                _("Questions and comments are turned off for this article.")
            )
        return kind

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _(
                    "This form appears to have been filled in automatically. Leave the field 'Leave this field empty' empty and send it again."
                ),
                code="honeypot",
            )
        self._check_timestamp()
        if cleaned.get("kind") == Comment.Kind.EXPERIENCE:
            if cleaned.get("consent"):
                self.instance.consent_at = timezone.now()
                self.instance.consent_version = conf.get("CONSENT_VERSION")
        else:
            for name in EXPERIENCE_FIELDS:
                cleaned[name] = ""
        return cleaned

    def _check_timestamp(self):
        problem = antispam.form_token_problem(
            self.data.get("started"), self.article, now=self.sent_at
        )
        if problem is None:
            return
        code, message = problem
        if code != "too_fast":  # a fresh token, so the next attempt can pass
            self._new_token()
        self.add_error(None, forms.ValidationError(message, code=code))

    def refuse_used_token(self):
        """A submission was already stored with this form: say so and hand out a fresh one."""
        self._new_token()
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "A submission has already been sent with this form. We have refreshed it: your text is still there; send it again to post it as a new submission."
                ),
                code="used",
            ),
        )

    def _new_token(self):
        self.data = self.data.copy()
        self.data["started"] = antispam.issue_form_token(self.article)

    def _post_clean(self):
        super()._post_clean()
        for name, message in self.instance.submission_errors().items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
