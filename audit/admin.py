"""The audit log in the admin: read-only, and each user sees only entries about objects
they may view (moderators the moderation entries, editors the article entries).
Only superusers may delete entries."""

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from audit import STATE_CHOICES
from audit.models import AuditEntry

# Entries without a content type predate it and are about an article.
UNTYPED = "blog.article"


def state_label(entry, code):
    """The label of a recorded status, as its object's model names it; the code if unknown."""
    if not code:
        return ""
    content_type = entry.content_type if entry.content_type_id else None
    key = f"{content_type.app_label}.{content_type.model}" if content_type else UNTYPED
    choices = STATE_CHOICES.get(key) or STATE_CHOICES.get(UNTYPED)
    return choices(code).label if choices and code in choices.values else code


def visible_content_types(user):
    """Ids of the content types whose objects (and so whose log entries) this user may view.

    From the user's permissions and Django's content-type cache, without reading the
    log: every admin page asks this for the navigation.
    """
    viewable = [
        model
        for model in apps.get_models()
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    return {
        content_type.pk for content_type in ContentType.objects.get_for_models(*viewable).values()
    }


def visible_entries(user, queryset=None):
    queryset = AuditEntry.objects.all() if queryset is None else queryset
    if user.is_superuser:
        return queryset
    visible = Q(content_type_id__in=visible_content_types(user))
    if user.has_perm("blog.view_article"):
        visible |= Q(content_type=None, article__isnull=False)
    return queryset.filter(visible)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "action_label",
        "subject",
        "actor",
        "state_change",
        "short_reason",
    ]
    list_filter = [
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["object_repr", "reason"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "article", "content_type"]
    fields = [
        "created_at",
        "action_label",
        "actor",
        "article",
        "content_type",
        "object_id",
        "object_repr",
        "state_change",
        "reason",
        "data",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return visible_entries(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        if obj is not None:
            return visible_entries(user).filter(pk=obj.pk).exists()
        return bool(visible_content_types(user)) or user.has_perm("blog.view_article")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description=gettext_lazy("object"), ordering="object_repr")
    def subject(self, entry):
        if entry.article_id:
            url = reverse("admin:blog_article_change", args=[entry.article_id])
            return format_html('<a href="{}">{}</a>', url, entry.object_repr or entry.article)
        return entry.object_repr

    @admin.display(description=gettext_lazy("action"), ordering="action")
    def action_label(self, entry):
        return entry.get_action_display()

    @admin.display(description=gettext_lazy("status"))
    def state_change(self, entry):
        """'published → withdrawn' in the reader's words, or the one state if it stayed."""
        before, after = state_label(entry, entry.from_state), state_label(entry, entry.to_state)
        if not before or before == after:
            return after or "—"
        return f"{before} → {after}"

    @admin.display(description=gettext_lazy("reason"))
    def short_reason(self, entry):
        return (entry.reason[:80] + "…") if len(entry.reason) > 80 else entry.reason
