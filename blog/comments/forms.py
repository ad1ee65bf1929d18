"""The reader's form: a question/comment or a structured experience.

Every error names the field and what to do, and a re-shown form keeps all that
was typed (a stale timestamp is replaced, never the reader's text).
"""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.comments import antispam, conf
from blog.models.comments import BODY_MAX_CHARS, EXPERIENCE_FIELDS, Comment

# Invisible characters that only serve to hide or reorder text (C0/C1 controls, bidi overrides).
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)

CONSENT_TEXT = _(
    "Ik geef Gutcheck toestemming om deze ervaring over mijn gezondheid met mijn naam te "
    "publiceren. Ik kan haar altijd intrekken met de link die ik na het versturen krijg."
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
        label=_("Wat wil je delen?"),
        choices=Comment.Kind.choices,
        widget=forms.RadioSelect,
        initial=Comment.Kind.COMMENT,
        error_messages={"required": _("Kies of je een vraag stelt of een ervaring deelt.")},
    )
    name = PlainTextField(
        label=_("Naam"),
        max_length=80,
        help_text=_("Een voornaam of bijnaam is genoeg; deze naam staat bij je bijdrage."),
        error_messages={
            "required": _("Vul je naam in; een voornaam of bijnaam is genoeg."),
            "max_length": _("Je naam is te lang: hoogstens %(limit_value)d tekens."),
        },
    )
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht)"),
        required=False,
        help_text=_(
            "We tonen het nooit. We sturen er alleen de link naartoe waarmee je je "
            "bijdrage kunt intrekken."
        ),
        error_messages={
            "invalid": _("Dit e-mailadres klopt niet; verbeter het of laat het veld leeg.")
        },
    )
    body = PlainTextField(
        label=_("Je bericht"),
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Gewone tekst, hoogstens 5000 tekens. Links naar webpagina's worden "
            "klikbaar; opmaak (HTML) niet."
        ),
        error_messages={
            "required": _("Schrijf je vraag, reactie of ervaring."),
            "max_length": _(
                "Je tekst is %(show_value)d tekens; het maximum is %(limit_value)d. "
                "Maak hem wat korter."
            ),
        },
    )
    condition = PlainTextField(
        label=_("Aandoening of klacht"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld 'eczeem' of 'prikkelbare darm'."),
    )
    tried = PlainTextField(
        label=_("Wat heb je geprobeerd?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld 'kefir bij het ontbijt'. Liever geen merknamen."),
    )
    tried_type = forms.ChoiceField(
        label=_("Wat voor middel was het?"),
        required=False,
        choices=[("", _("— kies —")), *Comment.TriedType.choices],
    )
    duration = PlainTextField(
        label=_("Hoe lang?"),
        max_length=80,
        required=False,
        help_text=_("Bijvoorbeeld '6 weken'."),
    )
    outcome = forms.ChoiceField(
        label=_("Wat gebeurde er?"),
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
                "De bijdrage waarop je antwoordt is niet (meer) zichtbaar. Je tekst staat er nog: "
                "plaats hem als nieuwe reactie."
            )
        },
    )
    # Honeypot: hidden from people, irresistible to form-filling robots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["kind", "name", "email", "body", *EXPERIENCE_FIELDS, "parent"]

    def __init__(self, *args, article, **kwargs):
        kwargs.setdefault("instance", Comment(article=article))
        super().__init__(*args, **kwargs)
        self.article = article
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
                raise forms.ValidationError(_("Bij dit artikel staan ervaringen delen uit."))
            raise forms.ValidationError(_("Bij dit artikel staan vragen en reacties uit."))
        return kind

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _(
                    "Dit formulier lijkt automatisch ingevuld. Laat het veld 'Laat dit veld leeg' "
                    "leeg en verstuur opnieuw."
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
        problem = antispam.form_token_problem(self.data.get("started"), self.article)
        if problem is None:
            return
        code, message = problem
        if code != "too_fast":  # a fresh token, so the next attempt can pass
            self.data = self.data.copy()
            self.data["started"] = antispam.issue_form_token(self.article)
        self.add_error(None, forms.ValidationError(message, code=code))

    def _post_clean(self):
        super()._post_clean()
        for name, message in self.instance.submission_errors().items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
