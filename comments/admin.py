"""The moderation queue: newest first, with why each item was held, and the decisions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from blog.models import Article
from comments.models import (
    PRIVATE_FIELDS,
    REDACTABLE_FIELDS,
    Comment,
    Flag,
    ModerationWord,
)
from comments.moderation import COMMON_REJECT_REASONS, DECISIONS, decide, flag_lines


class StatusFilter(admin.SimpleListFilter):
    """Opens on what waits; 'alle' shows everything."""

    title = gettext_lazy("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, gettext_lazy("all"))]

    def value(self):
        return super().value() or Comment.Status.PENDING

    def queryset(self, request, queryset):
        if self.value() == self.ALL:
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class FlagFilter(admin.SimpleListFilter):
    title = gettext_lazy("reason held")
    parameter_name = "signaal"

    def lookups(self, request, model_admin):
        return [("none", gettext_lazy("no flag")), *Flag.choices]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(flags="")
        if self.value() in Flag.values:
            return queryset.filter(flags__contains=f",{self.value()},")
        return queryset


class RedactionForm(forms.ModelForm):
    redaction_reason = forms.CharField(
        label=gettext_lazy("Editors' reason"),
        required=False,
        help_text=gettext_lazy(
            "E.g. 'surname removed'. The original text stays in the audit log; readers only see the new one."
        ),
    )

    class Meta:
        model = Comment
        fields = list(REDACTABLE_FIELDS)


def _report(modeladmin, request, decision, done, refused):
    if done:
        modeladmin.message_user(
            request,
            _("%(n)d submission(s) %(decision)s.") % {"n": done, "decision": DECISIONS[decision]},
        )
    for comment, why in refused:
        modeladmin.message_user(request, f"{comment}: {why}", level=messages.ERROR)


@admin.action(description=gettext_lazy("Approve selected submissions"), permissions=["moderate"])
def approve_selected(modeladmin, request, queryset):
    _report(modeladmin, request, "approve", *decide(queryset, "approve", by=request.user))


@admin.action(
    description=gettext_lazy("Mark selected submissions as spam"), permissions=["moderate"]
)
def spam_selected(modeladmin, request, queryset):
    _report(modeladmin, request, "spam", *decide(queryset, "spam", by=request.user))


@admin.action(
    description=gettext_lazy("Reject selected submissions (with reason)…"),
    permissions=["moderate"],
)
def reject_selected(modeladmin, request, queryset):
    """First show the selection and ask for the reason; the second POST decides."""
    reason = request.POST.get("reject_reason", "").strip()
    if "confirm_reject" in request.POST and reason:
        _report(
            modeladmin,
            request,
            "reject",
            *decide(queryset, "reject", by=request.user, reason=reason),
        )
        return None
    return TemplateResponse(
        request,
        "admin/comments/comment/reject_reason.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Reject submissions"),
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "reason": reason,
            "missing_reason": "confirm_reject" in request.POST,
            "common_reasons": COMMON_REJECT_REASONS,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = RedactionForm
    change_form_template = "admin/comments/comment/change_form.html"
    # Why an item was held is what a moderator reads first; at 1366 px, beside the admin's
    # menu and filters, the reasons, status and score must show without scrolling sideways.
    list_display = [
        "reasons",
        "status",
        "score",
        "excerpt",
        "kind",
        "name",
        "article_short",
        "sent_at",
    ]
    list_display_links = ["excerpt"]
    list_filter = [
        StatusFilter,
        "kind",
        FlagFilter,
        ("article", admin.RelatedOnlyFieldListFilter),
        "is_editor_reply",
    ]
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        # Each row links to the article's live address, which its current edition holds:
        # one query for every row's article and edition, not one per row.
        articles = Article.objects.with_current_edition()
        return super().get_queryset(request).prefetch_related(Prefetch("article", articles))

    search_fields = ["name", "body"]
    actions = [approve_selected, reject_selected, spam_selected]
    readonly_fields = [
        "kind",
        "article_link",
        "parent",
        "status",
        "created_at",
        "reasons",
        "score",
        "as_readers_see_it",
        "tried_type",
        "outcome",
        "is_editor_reply",
        "moderated_by",
        "moderated_at",
        "moderation_reason",
        "consent",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "status",
                    "article_link",
                    "parent",
                    "created_at",
                    "is_editor_reply",
                ]
            },
        ),
        (gettext_lazy("Why held"), {"fields": ["reasons", "score"]}),
        (
            gettext_lazy("Text (editing keeps the original in the audit log)"),
            {"fields": ["name", "body", "redaction_reason", "as_readers_see_it"]},
        ),
        (
            gettext_lazy("Experience"),
            {"fields": ["condition", "tried", "tried_type", "duration", "outcome", "consent"]},
        ),
        (
            gettext_lazy("Moderation"),
            {"fields": ["moderated_by", "moderated_at", "moderation_reason"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin-moderation.css"]}

    def has_add_permission(self, request):
        return False  # readers write on the site, where the anti-spam checks run

    def lookup_allowed(self, lookup, value, request=None):
        # Django allows any lookup on the model's own fields (?email__startswith=n);
        # a private field may not appear anywhere in the path (parent__email too).
        if set(lookup.split(LOOKUP_SEP)) & set(PRIVATE_FIELDS):
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_moderate_permission(self, request, obj=None):
        return request.user.has_perm("comments.moderate_comment")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.has_moderate_permission(request)

    @admin.display(description=gettext_lazy("submission"))
    def excerpt(self, obj):
        return Truncator(obj.body).chars(90)

    @admin.display(description=gettext_lazy("article"), ordering="article__title")
    def article_short(self, obj):
        return format_html(
            '<a href="{}" title="{}">{}</a>',
            obj.article.get_absolute_url(),
            obj.article,
            Truncator(str(obj.article)).chars(40),
        )

    @admin.display(description=gettext_lazy("sent"), ordering="created_at")
    def sent_at(self, obj):
        return date_format(timezone.localtime(obj.created_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=gettext_lazy("article"), ordering="article__title")
    def article_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.article.get_absolute_url(), obj.article)

    @admin.display(description=gettext_lazy("flags"))
    def reasons(self, obj):
        lines = flag_lines(obj)
        if not lines:
            return "—"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in lines))
        )

    @admin.display(description=gettext_lazy("as readers see it"))
    def as_readers_see_it(self, obj):
        return mark_safe(obj.body_html)  # stored output of rendering.render_plain_text

    @admin.display(description=gettext_lazy("consent"))
    def consent(self, obj):
        if obj.consent_at is None:
            return "—"
        return _("given on %(at)s (text version %(version)s)") % {
            "at": obj.consent_at.strftime("%Y-%m-%d %H:%M"),
            "version": obj.consent_version,
        }

    def save_model(self, request, obj, form, change):
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name in REDACTABLE_FIELDS
        }
        Comment.objects.get(pk=obj.pk).redact(
            by=request.user, reason=form.cleaned_data.get("redaction_reason", ""), **changes
        )

    def get_urls(self):
        decide_view = self.admin_site.admin_view(require_POST(self.decide_view))
        return [
            path("<int:pk>/besluit/<str:decision>/", decide_view, name="comments_comment_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk, decision):
        """One item, one decision, from the buttons on its change page. POST only."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        if decision not in DECISIONS:
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        _report(
            self,
            request,
            decision,
            *decide([comment], decision, by=request.user, reason=request.POST.get("reason", "")),
        )
        return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))

    def get_fieldsets(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.fieldsets
        return [
            (title, {"fields": [f for f in opts["fields"] if f != "redaction_reason"]})
            for title, opts in self.fieldsets
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_moderate": self.has_moderate_permission(request),
            "common_reasons": COMMON_REJECT_REASONS,
        }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    list_display = ["phrase", "action", "note"]
    list_filter = ["action"]
    search_fields = ["phrase", "note"]
