"""Claims and their citations.

Django has no nested inlines, so the editing is two-level: the article page
lists its claims (key, statement, category) in an inline, and each claim row
links to the claim's own page, where its citations are edited in an inline.
The claim page links back to the article. A claim belongs to its article's
history, so blog registers ClaimAdmin (with the revision it records on save).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evidence.certainty import Grade
from evidence.coverage import coverage_report
from evidence.models import Citation


def grade_display(claim):
    if claim.pk is None:
        return "—"
    if claim.is_opinion:
        return _("opinion (no source needed)")
    grade = claim.grade
    label = Grade(grade).label
    return (
        label if claim.is_covered(grade) else _("%(grade)s — blocks publication") % {"grade": label}
    )


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = [
            "source",
            "role",
            "level_override",
            "override_reason",
            "override_explanation",
            "concern_acknowledged",
            "locator",
            "quote",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].error_messages.update(
            {
                "required": _("Choose the source for this citation."),
                "invalid_choice": _(
                    "This source does not exist (anymore); choose an existing source or add it first under Sources."
                ),
            }
        )


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    extra = 1
    autocomplete_fields = ["source"]
    readonly_fields = ["level_now"]
    fields = [
        ("source", "role"),
        "level_now",
        ("level_override", "override_reason"),
        "override_explanation",
        "concern_acknowledged",
        ("locator", "quote"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description=gettext_lazy("current certainty"))
    def level_now(self, obj):
        if obj.pk is None:
            return _("Determined by the source after saving.")
        start = obj.starting_level
        now = obj.effective_level
        start_label = start.label if start else _("no evidence")
        if obj.source.is_retracted:
            return _("source retracted — does not count (starting level %(start)s)") % {
                "start": start_label
            }
        return _("%(now)s (starting level %(start)s)") % {
            "now": now.label if now else _("no evidence"),
            "start": start_label,
        }


class ClaimAdmin(admin.ModelAdmin):
    list_display = ["key", "statement", "article_link", "category", "grade_column"]
    list_filter = ["category", "article__status"]
    search_fields = ["key", "statement", "article__title"]
    autocomplete_fields = ["article"]
    inlines = [CitationInline]
    readonly_fields = ["article_link", "grade_column"]
    change_list_template = "admin/evidence/claim/change_list.html"

    def get_queryset(self, request):
        citations = Citation.objects.select_related("source")
        return (
            super()
            .get_queryset(request)
            .select_related("article")
            .prefetch_related(Prefetch("citations", queryset=citations))
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["article", "key", "statement", "category"]
        return ["article_link", "key", "statement", "category", "grade_column"]

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            _("Claim '%(key)s' added; now add the sources.") % {"key": obj.key},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(obj.get_admin_url())

    def response_change(self, request, obj):
        # A plain save returns to the article, where the claim is used.
        if any(
            name in request.POST
            for name in ("_continue", "_addanother", "_saveasnew", IS_POPUP_VAR)
        ):
            return super().response_change(request, obj)
        self.message_user(request, _("Claim '%(key)s' saved.") % {"key": obj.key}, messages.SUCCESS)
        url = reverse("admin:blog_article_change", args=[obj.article_id])
        return HttpResponseRedirect(f"{url}#claims-group")

    @admin.display(description=gettext_lazy("article"), ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:blog_article_change", args=[obj.article_id])
        return format_html('<a href="{}#claims-group">{}</a>', url, obj.article.title)

    @admin.display(description=gettext_lazy("certainty"))
    def grade_column(self, obj):
        return grade_display(obj)

    def get_urls(self):
        coverage = self.admin_site.admin_view(self.coverage_view)
        return [path("dekking/", coverage, name="evidence_claim_coverage"), *super().get_urls()]

    def coverage_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Claim coverage"),
            "opts": self.model._meta,
            "report": coverage_report(),
        }
        return TemplateResponse(request, "admin/evidence/coverage.html", context)
