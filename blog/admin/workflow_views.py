"""The workflow's admin pages for one article: review, schedule, withdraw, correct,
preview links, versions, compare and revert.

Every page calls the one function that owns the step (blog.publishing or
blog.workflow.*) and shows a refused step's reasons above the form it came
from, with what was typed still in it.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from blog.models import PreviewLink, Revision
from blog.workflow import corrections, diffs, previews, review, revisions
from blog.workflow import forms as workflow_forms
from evidence import triage

PUBLISH = "blog.publish_article"
CHANGE = "blog.change_article"
VIEW = "blog.view_article"
REVIEW = "blog.review_article"


class ArticlePage:
    """Shared plumbing for one admin page about one article."""

    template = "admin/blog/workflow/form.html"
    permission = CHANGE

    def __init__(self, model_admin, request, object_id):
        self.admin = model_admin
        self.request = request
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.article = model_admin.get_object(request, unquote(object_id))
        if self.article is None:
            raise Http404(_("This article does not exist (anymore)."))

    @property
    def change_url(self):
        return reverse("admin:blog_article_change", args=[self.article.pk])

    def render(self, title, **context):
        opts = self.admin.model._meta
        return TemplateResponse(
            self.request,
            self.template,
            {
                **self.admin.admin_site.each_context(self.request),
                "opts": opts,
                "app_label": opts.app_label,
                "original": self.article,
                "article": self.article,
                "title": title,
                "change_url": self.change_url,
                **context,
            },
        )

    def done(self, message, level=messages.SUCCESS, url=None):
        self.admin.message_user(self.request, message, level)
        return HttpResponseRedirect(url or self.change_url)

    def refuse(self, form, error):
        """Show the step's refusal above the form, keeping what was typed."""
        for message in error.messages:
            form.add_error(None, message)


def _form_page(page, form, title, *, submit, intro="", danger=False):
    return page.render(title, form=form, submit_label=submit, intro=intro, danger=danger)


def submit_view(model_admin, request, object_id):
    page = ArticlePage(model_admin, request, object_id)
    form = workflow_forms.SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = review.submit(page.article, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            page.refuse(form, error)
        else:
            return page.done(
                _(
                    "Version %(n)s has been submitted for review; the medical reviewers will receive an email."
                )
                % {"n": revision.number}
            )
    return _form_page(
        page,
        form,
        _("Submit for review"),
        submit=_("Submit"),
        intro=_(
            "The medical reviewers will receive an email. Their approval applies to this version; if you then change anything readers see (text, title, intro, image, topic, tags, authors, claims, sources or disclaimers), a new review is needed."
        ),
    )


class ReviewPage(ArticlePage):
    template = "admin/blog/workflow/review.html"
    permission = REVIEW


def review_view(model_admin, request, object_id):
    page = ReviewPage(model_admin, request, object_id)
    article = page.article
    posted = request.method == "POST"
    # A GET changes nothing: it shows the working copy as the revision it would become.
    current = revisions.current_revision(article) if posted else revisions.working_revision(article)
    form = workflow_forms.ReviewForm(
        request.POST or None,
        initial={"revision": current.number, "content": current.content_hash},
    )
    seen = None
    if posted and form.is_valid():
        seen = article.revisions.filter(number=form.cleaned_data["revision"]).first()
        result = _decide(page, form, seen)
        if result is not None:
            return result
        current = revisions.current_revision(article)
        # The page now shows the current version and what changed since the one judged.
        form.data = form.data.copy()
        form.data["revision"] = str(current.number)
        form.data["content"] = current.content_hash
    context = _review_context(article, current, request.user)
    if seen is not None and seen.number != current.number:
        context["since"] = diffs.compare(seen, current)
        context["since_label"] = _("Changed since the version you reviewed")
    return page.render(_("Medical review"), form=form, **context)


def _decide(page, form, revision):
    article, user = page.article, page.request.user
    if revision is None:
        form.add_error(None, _("This version does not exist; reload the page."))
        return None
    shown = form.cleaned_data.get("content")
    if shown and shown != revision.content_hash:
        form.add_error(
            None,
            _(
                "Version %(n)s was saved by someone else while you were reviewing, with other content; reload the page to review what is there now."
            )
            % {"n": revision.number},
        )
        return None
    try:
        if form.cleaned_data["decision"] == form.APPROVE:
            review.approve(
                article, by=user, revision=revision, comment=form.cleaned_data["comment"]
            )
            return page.done(
                _("Version %(n)s approved. The editors will be notified.") % {"n": revision.number}
            )
        review.request_changes(
            article, by=user, revision=revision, comment=form.cleaned_data["comment"]
        )
        return page.done(_("Changes requested; the editors will be notified."))
    except ValidationError as error:
        page.refuse(form, error)
    return None


def _review_context(article, current, user):
    decision = review.latest_decision(article)
    since = None
    if decision is not None and decision.revision.number != current.number:
        since = diffs.compare(decision.revision, current)
    return {
        "current": current,
        "request": review.latest_request(article),
        "decision": decision,
        "since": since,
        "changed_since_review": since.reviewed_parts if since else [],
        "claims": [_claim_row(claim) for claim in current.data.get("claims", [])],
        "is_own": review.is_own_article(article, user),
        "lint_decisions": triage.review_rows(article),
    }


class PublisherPage(ArticlePage):
    permission = PUBLISH


def _claim_row(claim):
    return {
        "key": claim["key"],
        "statement": claim["fields"].get("statement", ""),
        "level": diffs.grade_label(claim.get("level")),
        "sources": [(c["source_title"], diffs.role_label(c)) for c in claim["citations"]],
    }


def schedule_view(model_admin, request, object_id):
    page = PublisherPage(model_admin, request, object_id)
    article = page.article
    initial = {"publish_at": timezone.localtime(article.publish_at)} if article.publish_at else {}
    form = workflow_forms.ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            article.schedule(at=form.cleaned_data["publish_at"], by=request.user)
        except ValidationError as error:
            page.refuse(form, error)
        else:
            when = timezone.localtime(article.publish_at).strftime("%d-%m-%Y %H:%M")
            return page.done(
                _("Scheduled for %(when)s. The gate will check again at that time.")
                % {"when": when}
            )
    return _form_page(
        page,
        form,
        _("Schedule publication"),
        submit=_("Schedule"),
        intro=_(
            "The gate checks the article now and again at the time of publication. If it fails then, the article stays hidden and you will receive an email with the reason."
        ),
    )


def unschedule_view(model_admin, request, object_id):
    page = PublisherPage(model_admin, request, object_id)
    form = workflow_forms.forms.Form(request.POST or None)
    if not page.article.publish_at:
        return page.done(_("This article was not scheduled."), messages.WARNING)
    if request.method == "POST":
        page.article.unschedule(by=request.user)
        return page.done(_("The schedule has been canceled; the article stays hidden."))
    when = timezone.localtime(page.article.publish_at).strftime("%d-%m-%Y %H:%M")
    return _form_page(
        page,
        form,
        _("Cancel schedule"),
        submit=_("Cancel schedule"),
        intro=_(
            "The article is scheduled for %(when)s. After canceling, it will not be published automatically."
        )
        % {"when": when},
    )


def withdraw_view(model_admin, request, object_id):
    page = PublisherPage(model_admin, request, object_id)
    form = workflow_forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page.article.withdraw(by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            page.refuse(form, error)
        else:
            return page.done(
                _(
                    "Withdrawn. Readers now see the reason at the article's address, and the notice is in the corrections log."
                )
            )
    return _form_page(
        page,
        form,
        _("Withdraw article"),
        submit=_("Withdraw"),
        danger=True,
        intro=_(
            "The article disappears from lists, feeds and search results. Its address will then show a short notice with this reason."
        ),
    )


def correction_view(model_admin, request, object_id):
    page = PublisherPage(model_admin, request, object_id)
    form = workflow_forms.CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            corrections.publish_correction(
                page.article, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            page.refuse(form, error)
        else:
            return page.done(
                _(
                    "The corrected version has been published, with the correction visible on the article and in the corrections log."
                )
            )
    return _form_page(
        page,
        form,
        _("Publish correction"),
        submit=_("Publish correction"),
        intro=_(
            "For a substantive correction to a published article: publishes the current version through the gate and shows readers the explanation. Fix a typo simply with 'Save and publish'."
        ),
    )


class PreviewPage(ArticlePage):
    template = "admin/blog/workflow/previews.html"


def previews_view(model_admin, request, object_id):
    page = PreviewPage(model_admin, request, object_id)
    form = workflow_forms.PreviewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = previews.create_link(
                page.article,
                by=request.user,
                days=form.cleaned_data["days"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            page.refuse(form, error)
        else:
            return page.done(
                _("Preview link created: %(url)s") % {"url": previews.public_url(link)},
                url=request.path,
            )
    links = [(link, previews.public_url(link)) for link in page.article.preview_links.all()]
    return page.render(_("Preview links"), form=form, links=links, now=timezone.now())


def revoke_preview_view(model_admin, request, object_id, link_id):
    page = ArticlePage(model_admin, request, object_id)
    link = get_object_or_404(PreviewLink, pk=link_id, article=page.article)
    url = reverse("admin:blog_article_previews", args=[page.article.pk])
    if request.method != "POST":
        return HttpResponseRedirect(url)
    previews.revoke_link(link, by=request.user)
    return page.done(
        _("Preview link revoked; anyone who opens it will now see that it no longer works."),
        url=url,
    )


class HistoryPage(ArticlePage):
    template = "admin/blog/workflow/history.html"
    permission = VIEW


def history_view(model_admin, request, object_id):
    page = HistoryPage(model_admin, request, object_id)
    rows = list(page.article.revisions.select_related("created_by").order_by("-number"))
    entries = []
    # An article saved only outside the editorial paths (the ORM, a fixture) has no history yet.
    for newer, older in zip(rows, [*rows[1:], None][: len(rows)], strict=True):
        changed = diffs.compare(older, newer) if older else None
        entries.append({"revision": newer, "comparison": changed})
    return page.render(_("Versions"), entries=entries)


class ComparePage(ArticlePage):
    template = "admin/blog/workflow/compare.html"
    permission = VIEW


def compare_view(model_admin, request, object_id):
    page = ComparePage(model_admin, request, object_id)
    numbers = _compare_numbers(request, page.article)
    found = {
        r.number: r
        for r in page.article.revisions.filter(number__in=numbers).select_related("created_by")
    }
    if len(found) < len(set(numbers)) or len(numbers) != 2:
        page.admin.message_user(
            request, _("Choose two existing versions to compare."), messages.ERROR
        )
        return HttpResponseRedirect(reverse("admin:blog_article_versions", args=[page.article.pk]))
    old, new = sorted((found[n] for n in numbers), key=lambda r: r.number)
    return page.render(_("Compare versions"), comparison=diffs.compare(old, new))


def _compare_numbers(request, article):
    try:
        numbers = [int(request.GET["from"]), int(request.GET["to"])]
    except (KeyError, ValueError):
        newest = revisions.latest_number(article)
        numbers = [newest - 1, newest]
    return numbers


class RevertPage(ArticlePage):
    template = "admin/blog/workflow/revert.html"


def revert_view(model_admin, request, object_id, number):
    """GET asks for confirmation and shows what restoring changes; POST restores."""
    page = RevertPage(model_admin, request, object_id)
    revision = get_object_or_404(Revision, article=page.article, number=number)
    if request.method != "POST":
        current = revisions.current_revision(page.article)
        return page.render(
            _("Restore version %(n)s") % {"n": revision.number},
            revision=revision,
            current=current,
            comparison=diffs.compare(current, revision),
            versions_url=reverse("admin:blog_article_versions", args=[page.article.pk]),
        )
    try:
        new, skipped = revisions.revert(page.article, to=revision, by=request.user)
    except ValidationError as error:
        return page.done(" ".join(error.messages), messages.ERROR)
    if skipped:
        titles = "; ".join(skipped)
        page.admin.message_user(
            request,
            _("These sources no longer exist and have not been restored: %(titles)s")
            % {"titles": titles},
            messages.WARNING,
        )
    return page.done(
        _(
            "Version %(old)s has been restored as new version %(new)s. Readers will only see this after publishing."
        )
        % {"old": revision.number, "new": new.number}
    )
