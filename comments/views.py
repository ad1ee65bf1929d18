"""Public endpoints: post a contribution, see it and withdraw it with the private link.

Every POST answers with a redirect (POST/redirect/GET), also when it is refused: the
refused attempt is shown by the GET that follows (see comments.drafts), so Back
and Reload never meet a "resubmit the form?" page.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blog.models import Article
from blog.site_url import absolute_url
from comments import antispam, conf, drafts, notify
from comments.forms import CommentForm, open_kinds
from comments.models import Comment
from comments.submission import FormAlreadyUsed, RateLimited, submit

# Readers' private links must not leak to other sites through a Referer; "same-origin"
# keeps them private and, unlike "no-referrer", still lets the browser send the Origin
# header that Django's CSRF check compares (no-referrer makes it "null": a 403).
PRIVATE_REFERRER_POLICY = "same-origin"


@require_http_methods(["GET", "POST"])
def post_comment(request, slug):
    article = get_object_or_404(Article.objects.published(), current_edition__slug=slug)
    if not open_kinds(article):
        return render(request, "comments/closed.html", {"article": article}, status=403)
    if request.method == "GET":
        return _refused_attempt(request, article)
    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        return _keep_and_show(request, article)
    try:
        comment, created = submit(form, ip_hash=antispam.client_ip_hash(request), user=request.user)
    except RateLimited:
        return _keep_and_show(request, article, rate_limited=True)
    except FormAlreadyUsed:
        return _keep_and_show(request, article, used_token=True)
    drafts.forget(request, article)
    manage_path = reverse("comments:manage", kwargs={"token": comment.withdraw_token})
    if created:
        notify.new_submission(comment, manage_url=absolute_url(manage_path))
    return _private(redirect(manage_path))


def _keep_and_show(request, article, *, rate_limited=False, used_token=False):
    drafts.keep(request, article, rate_limited=rate_limited, used_token=used_token)
    url = reverse("comments:post", kwargs={"slug": article.public_slug})
    return _private(HttpResponseRedirect(url, status=303))


def _refused_attempt(request, article):
    """The reader's refused attempt with its errors; without one, the article's form."""
    draft = drafts.load(request, article)
    if draft is None:
        return redirect(article.get_absolute_url() + "#reactieformulier")
    form = CommentForm(draft.data, article=article, sent_at=draft.sent_at)
    form.is_valid()  # the errors as they were when it was sent
    if draft.used_token:
        form.refuse_used_token()
    if draft.rate_limited:
        return _form_page(request, article, form, status=429, rate_limited=True)
    return _form_page(request, article, form, status=400)


def _form_page(request, article, form, *, status, rate_limited=False):
    response = render(
        request,
        "comments/form_page.html",
        {
            "article": article,
            "form": form,
            "rate_limited": rate_limited,
        },
        status=status,
    )
    if rate_limited:
        response["Retry-After"] = str(conf.get("RATE_WINDOW_SECONDS"))
    return _private(response)


@require_GET
def manage(request, token):
    comment = get_object_or_404(Comment.objects.select_related("article"), withdraw_token=token)
    private_url = absolute_url(reverse("comments:manage", kwargs={"token": comment.withdraw_token}))
    return _private(
        render(
            request,
            "comments/manage.html",
            {
                "comment": comment,
                "private_url": private_url,
            },
        )
    )


@require_POST
def withdraw(request, token):
    comment = get_object_or_404(Comment, withdraw_token=token)
    try:
        comment.withdraw()
    except ValidationError:
        pass  # already withdrawn: the page below says so
    return _private(redirect("comments:manage", token=token))


def _private(response):
    """Pages carrying a reader's private link or text: never cached, indexed or referred."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
    return response
