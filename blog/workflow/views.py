"""Public workflow pages: preview links, the corrections log, the withdrawn-article notice."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from blog.models import Article, Edition, PreviewLink
from blog.workflow import corrections

NOT_INDEXED = "noindex, nofollow"


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = NOT_INDEXED
    return response


@require_GET
def preview(request, token):
    """The draft as readers would see it, for whoever holds a valid link."""
    from blog.views import preview_parts, public_editor_name

    link = (
        PreviewLink.objects.filter(token=token)
        .select_related("article__topic", "article__updated_by__author_profile")
        .first()
    )
    if link is None or not link.is_usable:
        status = 404 if link is None else 410
        return _private(
            render(request, "blog/workflow/preview_gone.html", {"link": link}, status=status)
        )
    article = link.article
    return _private(
        render(
            request,
            "blog/article_detail.html",
            {
                "article": article,
                "live": preview_parts(article),
                "is_preview": True,
                "preview_link": link,
                "updated_by_name": public_editor_name(article.updated_by),
            },
        )
    )


@require_GET
def corrections_log(request):
    paginator = Paginator(corrections.log(), settings.GUTCHECK["ARTICLES_PER_PAGE"] * 2)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "blog/workflow/corrections_log.html", {"page": page})


def withdrawn_response(request, slug):
    """A short notice with the reason for a withdrawn article; None for anything else."""
    edition = (
        Edition.objects.filter(slug=slug, withdrawn_at__isnull=False)
        .exclude(article__in=Article.objects.published())
        .only("title", "article_id")
        .order_by("-withdrawn_at")
        .first()
    )
    if edition is None:
        return None
    notice = corrections.withdrawal_notice(edition.article)
    response = render(
        request, "blog/workflow/withdrawn.html", {"edition": edition, "notice": notice}, status=410
    )
    response["X-Robots-Tag"] = NOT_INDEXED
    return response
