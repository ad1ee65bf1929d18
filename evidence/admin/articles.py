"""The evidence parts of the article admin: claim and disclaimer inlines, the
readiness panel, one-click "attach all required disclaimers", and the filter
for articles citing a retracted source.

blog's ArticleAdmin mixes in EvidenceArticleAdminMixin; every method calls
super(), so other mixins (workflow) combine with it.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from blog import snapshot
from evidence.admin import findings
from evidence.admin.claims import grade_display
from evidence.disclaimers import attach_required
from evidence.integrity import FLAGGED, live_citation_filter
from evidence.markers import malformed_markers, marker_for, marker_keys
from evidence.models import ArticleDisclaimer, Citation, Claim, Source
from evidence.readiness import readiness

# The readiness panel's button saves the form like "save and continue" and then attaches.
ATTACH_REQUIRED = "attach_required"


class OptionalInlineFormSet(BaseInlineFormSet):
    """A POST that leaves this inline out (API clients, tests of other features) changes none
    of its rows, instead of failing on the missing management form."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.left_out = data is not None and f"{self.prefix}-TOTAL_FORMS" not in data

    def full_clean(self):
        if self.is_bound and self.left_out:
            self._errors = []
            self._non_form_errors = self.error_class(error_class="nonform", renderer=self.renderer)
            return
        super().full_clean()


class ClaimInlineFormSet(OptionalInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return _("Two claims have the same key; give each claim in this article its own key.")

    def clean(self):
        super().clean()
        keys = {
            form.cleaned_data.get("key")
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        }
        body = self.instance.body
        errors = [
            _(
                "Field 'Text': the marker “%(snippet)s” is invalid; write [[claim:sleutel]] using only lowercase letters, digits and hyphens."
            )
            % {"snippet": snippet}
            for snippet in malformed_markers(body)
        ]
        errors += [
            _(
                "Field 'Text': %(marker)s does not refer to any claim; add a claim with key '%(key)s' below or correct the marker."
            )
            % {"marker": marker_for(key), "key": key}
            for key in marker_keys(body)
            if key not in keys
        ]
        if errors:
            raise ValidationError(errors)


class ClaimInline(admin.TabularInline):
    model = Claim
    formset = ClaimInlineFormSet
    extra = 1
    fields = ["key", "statement", "category", "grade", "citations_link"]
    readonly_fields = ["grade", "citations_link"]
    verbose_name_plural = gettext_lazy(
        "Claims — mark each claim in the text with [[claim:sleutel]]"
    )

    def get_queryset(self, request):
        citations = Citation.objects.select_related("source")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("citations", queryset=citations))
        )

    @admin.display(description=gettext_lazy("certainty"))
    def grade(self, obj):
        return grade_display(obj)

    @admin.display(description=gettext_lazy("sources"))
    def citations_link(self, obj):
        if obj.pk is None:
            return _("Save first; then add the sources here.")
        count = len(obj.citations.all())
        label = ngettext("Edit %(n)d source", "Edit %(n)d sources", count) % {"n": count}
        return format_html('<a href="{}">{} →</a>', obj.get_admin_url(), label)


class ArticleDisclaimerForm(forms.ModelForm):
    class Meta:
        model = ArticleDisclaimer
        fields = ["disclaimer", "note"]


class ArticleDisclaimerFormSet(OptionalInlineFormSet):
    """Every row offers the same disclaimers: read them once, not once per row."""

    def _construct_form(self, i, **kwargs):
        return self._sharing_choices(super()._construct_form(i, **kwargs))

    @property
    def empty_form(self):
        return self._sharing_choices(super().empty_form)

    def _sharing_choices(self, form):
        field = form.fields["disclaimer"]
        if not hasattr(self, "_disclaimer_choices"):
            # iter(): list() would ask the choices for their length first, a second query.
            self._disclaimer_choices = list(iter(field.choices))
        field.choices = self._disclaimer_choices
        inner = getattr(field.widget, "widget", None)  # the admin's related-field wrapper
        if inner is not None:
            inner.choices = self._disclaimer_choices
        return form


class ArticleDisclaimerInline(admin.TabularInline):
    model = ArticleDisclaimer
    form = ArticleDisclaimerForm
    formset = ArticleDisclaimerFormSet
    extra = 0
    fields = ["disclaimer", "note"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("disclaimer")

    verbose_name_plural = gettext_lazy(
        "Article disclaimers — required ones are listed in the panel at the top; extra ones are always allowed"
    )


class CitesFlaggedSourceFilter(admin.SimpleListFilter):
    title = gettext_lazy("source integrity")
    parameter_name = "bronintegriteit"

    def lookups(self, request, model_admin):
        return [
            (Source.Integrity.RETRACTED, _("cites a retracted source")),
            (Source.Integrity.CONCERN, _("cites a source with an expression of concern")),
        ]

    def queryset(self, request, queryset):
        if self.value() in FLAGGED:
            return queryset.filter(live_citation_filter(self.value()))
        return queryset


def readiness_panel(page):
    """What the readiness panel on the article's admin page shows.

    page: the change page's shared state (blog.admin.panels): .article, .evidence.
    """
    article, evidence = page.article, page.evidence
    problems = readiness(article, evidence)
    return {
        "problems": problems,
        "problem_count": len(problems),
        "is_public": article.is_public,
        "pending": snapshot.has_pending_changes(article, evidence),
        "requirements": [
            {
                "disclaimer": r.disclaimer,
                "reasons": r.reasons,
                "attached": r.disclaimer.pk in evidence.attached_ids,
            }
            for r in evidence.requirements
        ],
        "missing_count": len(evidence.missing_disclaimers),
        "flagged_sources": [s for s in evidence.cited_sources() if s.integrity_status in FLAGGED],
        "attach_value": ATTACH_REQUIRED,
        "coverage_url": reverse("admin:evidence_claim_coverage"),
        "findings": findings.findings_panel(evidence),
    }


class EvidenceArticleAdminMixin:
    def get_urls(self):
        return findings.urls(self) + super().get_urls()

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), ClaimInline, ArticleDisclaimerInline]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), CitesFlaggedSourceFilter]

    def article_panels(self):
        return {**super().article_panels(), "readiness_panel": readiness_panel}

    def save_formset(self, request, form, formset, change):
        if formset.model is ArticleDisclaimer:
            for inline_form in formset.forms:
                if inline_form.instance.pk is None:
                    inline_form.instance.added_by = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if request.POST.get("_continue") == ATTACH_REQUIRED:
            attached = attach_required(form.instance, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(n)d required disclaimer added.",
                    "%(n)d required disclaimers added.",
                    len(attached),
                )
                % {"n": len(attached)},
                messages.SUCCESS,
            )
