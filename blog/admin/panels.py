"""The panels on an article's change page, built from one load of the article and its evidence.

Each admin mixin names its panels in article_panels(): {context name: builder}. A builder
gets the request's ArticleChangePage, which holds the article as loaded (authors and tags
prefetched) and its ArticleEvidence (claims, citations, sources, disclaimers), loaded once
and shared by every panel; what a panel derives from the evidence (the medical review,
for instance) is remembered on it for the next one. A new panel therefore costs no extra
load of either.

Panels are built lazily, when the template first reads them, so a successful save,
which redirects, builds none. They read the article as it was loaded, before the form
applied what the editor typed.
"""

import copy
from dataclasses import dataclass
from functools import cached_property, partial

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from evidence.assessment import ArticleEvidence
from evidence.models import ArticleDisclaimer, Claim


@dataclass
class ArticleChangePage:
    request: HttpRequest
    article: object  # blog.Article, as loaded for this request

    @cached_property
    def evidence(self):
        return ArticleEvidence.load(self.article, **self._rows_read_by_the_form())

    def _rows_read_by_the_form(self):
        """The claims and attached disclaimers the change form's inlines read, to reuse.

        Only on a GET: after a refused POST those rows hold what the editor typed, and
        the panels describe the article as stored.
        """
        if self.request.method != "GET":
            return {}
        rows = {}
        for formset in getattr(self.request, "_article_formsets", ()):
            if formset.instance.pk != self.article.pk:
                continue
            if formset.model is Claim:
                rows["claims"] = list(formset.get_queryset())
            elif formset.model is ArticleDisclaimer:
                rows["attachments"] = list(formset.get_queryset())
        return rows


class ArticlePanelsMixin:
    """Mixed into the ArticleAdmin before the mixins that contribute panels."""

    def get_queryset(self, request):
        # The current edition: the list's and the page's "view on site" links need it.
        queryset = super().get_queryset(request).select_related("updated_by").with_current_edition()
        return queryset.prefetch_related("authors", "tags")

    def get_object(self, request, object_id, from_field=None):
        # Once per request: change_view needs it for the panels, the form for itself.
        loaded = request.__dict__.setdefault("_articles_loaded", {})
        key = (object_id, from_field)
        if key not in loaded:
            loaded[key] = self._load_article(request, object_id, from_field)
        return loaded[key]

    def _load_article(self, request, object_id, from_field):
        """ModelAdmin.get_object, with the linter's stored reading (which the findings panel
        reads) joined to the row."""
        queryset = self.get_queryset(request).select_related("lint_result")
        field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def article_panels(self):
        """{context name: builder(page) -> panel context}; mixins extend it via super()."""
        return {}

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        request._article_formsets = formsets  # read by ArticleChangePage.evidence
        return super().get_inline_formsets(request, formsets, inline_instances, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = dict(extra_context or {})
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            # A copy, so the panels see the article before the form changes it.
            page = ArticleChangePage(request, copy.copy(article))
            for name, build in self.article_panels().items():
                context[name] = SimpleLazyObject(partial(build, page))
        return super().change_view(request, object_id, form_url, context)
