"""The article form editors use in the admin.

Every problem is a field error on a bound form, so the page comes back with
everything the editor typed still in place.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from blog import rendering
from blog.models import Article

EDITABLE_FIELDS = [
    "title", "slug", "language", "lead", "body", "authors", "topic", "tags",
    "hero_image", "hero_alt", "hero_caption", "hero_credit", "hero_licence",
    "comments_open", "experiences_open", "commercial_interest", "review_due",
]  # fmt: skip


def _too_long(params):
    return (
        _(
            "The text is %(length)s characters long; the maximum is %(limit)s. Split the article into parts or shorten it."
        )
        % params
    )


def _image_without_alt(params):
    return (
        ngettext(
            "%(count)d image in the text has no alt text. Write what it shows between the brackets: ![description](address).",
            "%(count)d images in the text have no alt text. Write what they show between the brackets: ![description](address).",
            params["count"],
        )
        % params
    )


NESTING_KINDS = {
    "html": gettext_lazy("HTML elements"),
    "quote": gettext_lazy("quotes (>)"),
    "indent": gettext_lazy("indentation (lists, boxes, code)"),
}


def _too_deep(params):
    return _(
        "Line %(line)d nests %(kind)s more than %(limit)d levels deep. Flatten that part of the text."
    ) % {**params, "kind": NESTING_KINDS[params["kind"]]}


def _open_brackets(params):
    return (
        _(
            "Line %(line)d opens more than %(limit)d square brackets [ without closing them. Close each with ] or remove them; a claim marker is written [[claim:sleutel]]."
        )
        % params
    )


def _too_complex(params):
    return _(
        "Formatting this text took longer than %(seconds)s seconds, so it has not been saved. This happens with long runs of markup characters (such as * _ ` < & [) or very deep nesting; simplify that part of the text."
    ) % {"seconds": f"{params['seconds']:g}"}


SOURCE_PROBLEM_MESSAGES = {
    "too_long": _too_long,
    "too_deep": _too_deep,
    "open_brackets": _open_brackets,
    "too_complex": _too_complex,
    "image_without_alt": _image_without_alt,
}


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = EDITABLE_FIELDS

    def clean_body(self):
        # Browsers send textarea line breaks as CRLF; storing LF keeps an untouched body
        # identical, so saving it does not invalidate its medical review.
        body = self.cleaned_data.get("body", "").replace("\r\n", "\n")
        errors = [
            SOURCE_PROBLEM_MESSAGES[code](params)
            for code, params in rendering.source_problems(body)
        ]
        if errors:
            raise forms.ValidationError(errors)
        return body

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hero_image") and not (cleaned.get("hero_alt") or "").strip():
            self.add_error(
                "hero_alt",
                _("A main image needs alt text: describe what it shows."),
            )
        return cleaned
