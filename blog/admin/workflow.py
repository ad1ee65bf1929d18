"""The workflow's parts of the admin.

- WorkflowArticleAdminMixin (mixed into blog's ArticleAdmin): a revision after
  every save, including inline claims; refusal of edits made on a stale copy;
  the workflow panel; the pages in blog.admin.workflow_views; the review-due
  dashboard.
- The read-only audit log.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from blog.admin import workflow_views as pages
from blog.workflow import dashboard, review, revisions
from blog.workflow.forms import RevisionGuardMixin


def workflow_panel(page):
    """What the workflow panel on the article's change page shows (page: blog.admin.panels)."""
    article, user = page.article, page.request.user
    state = review.ReviewState.of(page.evidence)
    opened = opened_revisions(page.request)
    return {
        "revision_number": opened.get(article.pk) or revisions.latest_number(article),
        "request": state.request,
        "decision": state.decision,
        "approval": state.approval,
        "changed_parts": state.changed_parts(),
        "review_problems": state.problems(),
        "review_required": review.review_required(),
        "preview_count": article.preview_links.filter(revoked_at__isnull=True).count(),
        "is_own": state.is_own(article, user),
        "corrections": list(article.corrections.all()[:5]),
    }


def opened_revisions(request):
    """{article pk: the revision number its change form was opened at}, for this request."""
    return request.__dict__.setdefault("_opened_revisions", {})


class WorkflowArticleAdminMixin:
    change_list_template = "admin/blog/workflow/article_change_list.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        attributes = {"opened_revisions": opened_revisions(request)}
        return type(form.__name__, (RevisionGuardMixin, form), attributes)

    def save_related(self, request, form, formsets, change):
        # After the inlines, so the revision holds the claims and disclaimers saved with it.
        super().save_related(request, form, formsets, change)
        revisions.record_revision(form.instance, by=request.user)

    def article_panels(self):
        return {**super().article_panels(), "workflow_panel": workflow_panel}

    def get_urls(self):
        def wrap(view):
            def bound(request, *args, **kwargs):
                return view(self, request, *args, **kwargs)

            return self.admin_site.admin_view(bound)

        name = f"{self.opts.app_label}_{self.opts.model_name}"
        article_pages = [
            ("aanbieden/", pages.submit_view, "submit"),
            ("beoordelen/", pages.review_view, "review"),
            ("inplannen/", pages.schedule_view, "schedule"),
            ("planning-annuleren/", pages.unschedule_view, "unschedule"),
            ("terugtrekken/", pages.withdraw_view, "withdraw"),
            ("correctie/", pages.correction_view, "correct"),
            ("previewlinks/", pages.previews_view, "previews"),
            ("previewlinks/<int:link_id>/intrekken/", pages.revoke_preview_view, "revoke_preview"),
            ("versies/", pages.history_view, "versions"),
            ("versies/vergelijk/", pages.compare_view, "compare"),
            ("versies/<int:number>/terugzetten/", pages.revert_view, "revert"),
        ]
        own = [
            path(
                "herbeoordeling/",
                self.admin_site.admin_view(self.review_due_view),
                name=f"{name}_review_due",
            )
        ]
        own += [
            path(f"<path:object_id>/{route}", wrap(view), name=f"{name}_{suffix}")
            for route, view, suffix in article_pages
        ]
        return own + super().get_urls()

    def review_due_view(self, request):
        user = request.user
        if not (user.has_perm("blog.view_article") or user.has_perm("blog.review_article")):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/blog/workflow/review_due.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Re-review and sources"),
                **dashboard.overview(),
            },
        )
