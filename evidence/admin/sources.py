from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evidence.integrity import FLAGGED, articles_citing
from evidence.models import Source, normalize_doi, normalize_pmid

from .imports import SourceImportMixin


class SourceAdminForm(forms.ModelForm):
    # Room for what editors paste (a doi.org or PubMed link); stored normalised.
    doi = forms.CharField(
        label="DOI",
        max_length=300,
        required=False,
        help_text=Source._meta.get_field("doi").help_text,
    )
    pmid = forms.CharField(
        label="PMID",
        max_length=200,
        required=False,
        help_text=Source._meta.get_field("pmid").help_text,
    )

    class Meta:
        model = Source
        fields = [
            "title",
            "authors",
            "journal",
            "year",
            "doi",
            "pmid",
            "pmcid",
            "url",
            "design",
            "population",
            "sample_size",
            "outcomes",
            "integrity_status",
            "integrity_notice",
        ]

    def clean_doi(self):
        return normalize_doi(self.cleaned_data["doi"])

    def clean_pmid(self):
        return normalize_pmid(self.cleaned_data["pmid"])


@admin.register(Source)
class SourceAdmin(SourceImportMixin, admin.ModelAdmin):
    form = SourceAdminForm
    list_display = [
        "title",
        "year",
        "design",
        "starting_level_display",
        "integrity_status",
        "citation_count",
    ]
    list_filter = ["integrity_status", "design", "population", "outcomes"]
    search_fields = ["title", "doi", "pmid", "authors", "journal"]
    ordering = ["title", "pk"]  # the citation form's source search pages through this order
    readonly_fields = ["starting_level_display", "integrity_checked_at", "citing_articles"]
    fieldsets = [
        (None, {"fields": ["title", "authors", "journal", "year"]}),
        (gettext_lazy("Publication details"), {"fields": ["doi", "pmid", "pmcid", "url"]}),
        (
            gettext_lazy("Design"),
            {
                "fields": [
                    "design",
                    "population",
                    "sample_size",
                    "outcomes",
                    "starting_level_display",
                ]
            },
        ),
        (
            gettext_lazy("Integrity"),
            {
                "fields": [
                    "integrity_status",
                    "integrity_notice",
                    "integrity_checked_at",
                    "citing_articles",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_citations=Count("citations"))

    def get_search_results(self, request, queryset, search_term):
        # A pasted DOI link or 'PMID: 123' finds the source stored in normal form.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        doi, pmid = normalize_doi(search_term), normalize_pmid(search_term)
        exact = queryset.filter(doi=doi) | queryset.filter(pmid=pmid)
        return results | exact, may_have_duplicates

    @admin.display(description=gettext_lazy("starting level"))
    def starting_level_display(self, obj):
        level = obj.starting_level if obj.design else None
        return level.label if level else _("no evidence")

    @admin.display(description=gettext_lazy("times cited"), ordering="_citations")
    def citation_count(self, obj):
        return obj._citations

    @admin.display(description=gettext_lazy("articles citing this source"))
    def citing_articles(self, obj):
        if not obj.pk:
            return "—"
        articles = articles_citing([obj]).order_by("title")
        if not articles:
            return _("No articles yet.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:blog_article_change", args=[a.pk]),
                        a.title,
                        a.get_status_display(),
                    )
                    for a in articles
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        if change and "integrity_status" in form.changed_data:
            try:
                obj.set_integrity(obj.integrity_status, obj.integrity_notice, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self._report_integrity(request, obj)
            return
        super().save_model(request, obj, form, change)

    def _report_integrity(self, request, obj):
        values = {
            "title": obj.title,
            "status": obj.get_integrity_status_display(),
            "n": articles_citing([obj]).count(),
        }
        if obj.integrity_status in FLAGGED:
            message = _(
                "“%(title)s” is now '%(status)s': %(n)d article(s) cite this source; they have been flagged and the editors have been emailed."
            )
            self.message_user(request, message % values, messages.WARNING)
        else:
            message = _("Integrity status of “%(title)s” is now '%(status)s'.")
            self.message_user(request, message % values)
