from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog import snapshot
from blog.admin import triage
from blog.admin.panels import ArticlePanelsMixin
from blog.admin.workflow import WorkflowArticleAdminMixin
from blog.forms import ArticleAdminForm
from blog.models import Article
from evidence.admin import articles as evidence_admin


def _has_been_public(article):
    """Its URL is in readers' bookmarks: a new slug is typed on purpose, never derived from a
    title edit. (It goes live at the next publish; the old address then redirects.)"""
    return article is not None and article.published_at is not None


def _problems_text(error):
    return " ".join(error.messages)


def readiness_panel(page):
    """evidence's readiness panel, with whether a live article has edits that wait for
    publish()."""
    panel = evidence_admin.readiness_panel(page)
    return {
        **panel,
        "is_public": page.article.is_public,
        "pending": snapshot.has_pending_changes(page.article, page.evidence),
    }


@admin.action(
    description=gettext_lazy("Publish selected articles (through the gate)"),
    permissions=["publish"],
)
def publish_selected(modeladmin, request, queryset):
    published, refused = 0, []
    for article in queryset:
        try:
            article.publish(by=request.user)
            published += 1
        except ValidationError as error:
            refused.append(f"«{article.title}»: {_problems_text(error)}")
    if published:
        modeladmin.message_user(request, _("%(n)d article(s) published.") % {"n": published})
    for line in refused:
        modeladmin.message_user(
            request, _("Not published — %(why)s") % {"why": line}, level=messages.ERROR
        )


@admin.register(Article)
class ArticleAdmin(
    WorkflowArticleAdminMixin,
    evidence_admin.EvidenceArticleAdminMixin,
    ArticlePanelsMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    change_form_template = "admin/blog/article/change_form.html"
    list_display = [
        "title", "status", "topic", "published_at", "updated_at", "publish_at", "preview_link",
    ]  # fmt: skip
    list_filter = ["status", "topic", "language"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["authors"]
    readonly_fields = [
        "status", "preview_link", "published_at", "updated_at", "updated_by", "publish_at",
    ]  # fmt: skip
    actions = [publish_selected]

    class Media:
        css = {"all": ["css/admin-article.css"]}

    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "language", "lead", "body", "authors", "topic", "tags"]},
        ),
        (
            gettext_lazy("Main image"),
            {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit", "hero_licence"]},
        ),
        (
            gettext_lazy("Settings"),
            {"fields": ["comments_open", "experiences_open", "commercial_interest", "review_due"]},
        ),
        (
            gettext_lazy("Status"),
            {
                "fields": [
                    "status",
                    "preview_link",
                    "published_at",
                    "updated_at",
                    "updated_by",
                    "publish_at",
                ]
            },
        ),
    ]

    @admin.display(description=gettext_lazy("On the site"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        label = _("View on site") if obj.is_public else _("View draft")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label
        )

    def article_panels(self):
        return {**super().article_panels(), "readiness_panel": readiness_panel}

    def get_urls(self):
        return triage.urls(self) + super().get_urls()

    def get_prepopulated_fields(self, request, obj=None):
        if _has_been_public(obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("blog.publish_article")

    def response_change(self, request, obj):
        if "_publish" in request.POST:
            return self._publish_from_form(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_publish" in request.POST:
            return self._publish_from_form(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _publish_from_form(self, request, obj):
        if not self.has_publish_permission(request):
            self.message_user(
                request, _("You are not allowed to publish articles."), messages.ERROR
            )
        else:
            try:
                obj.publish(by=request.user)
                self.message_user(request, _("Published: «%(title)s».") % {"title": obj.title})
            except ValidationError as error:
                self.message_user(
                    request,
                    _("Not published. Fix this first: %(why)s") % {"why": _problems_text(error)},
                    messages.ERROR,
                )
        return HttpResponseRedirect(reverse("admin:blog_article_change", args=[obj.pk]))
