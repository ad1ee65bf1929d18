"""Public endpoints: post a contribution, see it and withdraw it with the private link."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from blog.comments import antispam, conf, notify
from blog.comments.forms import CommentForm, open_kinds
from blog.comments.submission import FormAlreadyUsed, RateLimited, submit
from blog.models import Article
from blog.models.comments import Comment


@require_POST
def post_comment(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    if not open_kinds(article):
        return render(request, "blog/comments/closed.html", {"article": article}, status=403)
    form = CommentForm(request.POST, article=article)
    if not form.is_valid():
        return _form_page(request, article, form, status=400)
    try:
        comment, created = submit(form, ip_hash=antispam.client_ip_hash(request), user=request.user)
    except RateLimited:
        return _form_page(request, article, form, status=429, rate_limited=True)
    except FormAlreadyUsed:
        form.refuse_used_token()
        return _form_page(request, article, form, status=400)
    manage_path = reverse("blog:comment_manage", kwargs={"token": comment.withdraw_token})
    if created:
        notify.new_submission(comment, manage_url=request.build_absolute_uri(manage_path))
    return redirect(manage_path)


def _form_page(request, article, form, *, status, rate_limited=False):
    response = render(
        request,
        "blog/comments/form_page.html",
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
    private_url = request.build_absolute_uri(
        reverse("blog:comment_manage", kwargs={"token": comment.withdraw_token})
    )
    return _private(
        render(
            request,
            "blog/comments/manage.html",
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
    return redirect("blog:comment_manage", token=token)


def _private(response):
    """Pages carrying a reader's private link or text: never cached, indexed or referred."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
