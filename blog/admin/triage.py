"""The article admin's answers to the linter panel's buttons (evidence.admin.findings).

Each is a POST (with CSRF) that edits the article through blog.workflow.triage and
comes back to the panel with what happened or why it was refused; a GET changes nothing.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _

from blog.workflow import triage
from evidence import linter
from evidence.models import Dismissal

CHANGE = "blog.change_article"


class TriageForm(forms.Form):
    category = forms.ChoiceField(choices=[(c, c) for c in linter.CATEGORIES])
    sentence_hash = forms.CharField(max_length=32)
    seen_body_hash = forms.CharField(max_length=64, required=False)
    reason = forms.CharField(max_length=20, required=False)
    note = forms.CharField(required=False, max_length=2000)


def _mark(article, data, user):
    claim = triage.mark_as_claim(
        article,
        category=data["category"],
        sentence_hash=data["sentence_hash"],
        seen_body_hash=data["seen_body_hash"],
        by=user,
    )
    message = _(
        "Claim '%(key)s' created and marked in the text. Add a supporting source below; check the statement and category."
    ) % {"key": claim.key}
    return message, claim.get_admin_url()


def _dismiss(article, data, user):
    if not data["reason"]:
        raise ValidationError(_("Choose why this sentence is not a health claim."))
    dismissal = triage.dismiss(
        article,
        category=data["category"],
        sentence_hash=data["sentence_hash"],
        reason=data["reason"],
        note=data["note"],
        by=user,
    )
    return _("Dismissed as not a health claim (%(reason)s).") % {
        "reason": dismissal.get_reason_display()
    }, None


def _waive(article, data, user):
    triage.waive(
        article,
        category=data["category"],
        sentence_hash=data["sentence_hash"],
        note=data["note"],
        by=user,
    )
    return _("Waiver recorded; the medical reviewer will see it."), None


STEPS = {"mark": _mark, "dismiss": _dismiss, "waive": _waive}


def _article(model_admin, request, object_id):
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(_("This article does not exist (anymore)."))
    return article


def _back(article):
    return HttpResponseRedirect(reverse("admin:blog_article_change", args=[article.pk]) + "#linter")


def triage_view(model_admin, request, object_id, step):
    article = _article(model_admin, request, object_id)
    if request.method != "POST":
        return _back(article)  # a GET never changes anything
    form = TriageForm(request.POST)
    if not form.is_valid():
        model_admin.message_user(
            request,
            _("This request was incomplete; reload the page and try again."),
            messages.ERROR,
        )
        return _back(article)
    try:
        message, url = STEPS[step](article, form.cleaned_data, request.user)
    except ValidationError as refused:
        model_admin.message_user(request, " ".join(refused.messages), messages.ERROR)
        return _back(article)
    model_admin.message_user(request, message, messages.SUCCESS)
    return HttpResponseRedirect(url) if url else _back(article)


def revoke_view(model_admin, request, object_id):
    article = _article(model_admin, request, object_id)
    if request.method == "POST":
        dismissal = get_object_or_404(Dismissal, pk=request.POST.get("dismissal"), article=article)
        triage.revoke(dismissal, by=request.user)
        model_admin.message_user(request, _("Undone: the finding counts again."), messages.SUCCESS)
    return _back(article)


def urls(model_admin):
    """The triage URLs of the article admin (admin:blog_article_lint_<step>)."""

    def wrap(view, **kwargs):
        def bound(request, object_id):
            return view(model_admin, request, object_id, **kwargs)

        return model_admin.admin_site.admin_view(bound)

    routes = [(step, wrap(triage_view, step=step)) for step in STEPS]
    routes.append(("revoke", wrap(revoke_view)))
    return [
        path(f"<path:object_id>/bevindingen/{step}/", view, name=f"blog_article_lint_{step}")
        for step, view in routes
    ]
