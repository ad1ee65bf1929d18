"""Public pages. Every query for articles starts from Article.objects.published().

Staff previews of unpublished articles are the one exception, and only after a
permission check; they are never cached and never indexed.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from taggit.models import Tag

from blog import snapshot
from blog.models import Article, Author, Topic
from blog.site_url import absolute_url
from blog.workflow import corrections

PREVIEW_PERMISSION = "blog.change_article"
NOT_INDEXED = "noindex, nofollow"
MAX_QUERY_LENGTH = 200
HOME_RECENT = 6
# Fields readers never see: the public page serves the published snapshot instead.
WORKING_COPY_ONLY = ("body", "body_html", "live_search_text")


def _page(request, queryset):
    paginator = Paginator(queryset, settings.GUTCHECK["ARTICLES_PER_PAGE"])
    return paginator.get_page(request.GET.get("page"))


def _topics_with_articles():
    """Topics that have published articles, with how many."""
    return (
        Topic.objects.filter(articles__in=Article.objects.published())
        .annotate(article_count=Count("articles", distinct=True))
        .order_by("name")
    )


@require_GET
def home(request):
    featured = (
        Article.objects.published()
        .defer("body", "body_html", "live_body_html", "live_search_text")
        .select_related("topic")
        .order_by("-published_at", "-id")
        .first()
    )
    recent = Article.objects.for_listing()
    if featured:
        recent = recent.exclude(pk=featured.pk)
    return render(
        request,
        "blog/home.html",
        {
            "featured": featured,
            "articles": recent[:HOME_RECENT],
            "topics": _topics_with_articles(),
        },
    )


@require_GET
def article_list(request):
    page = _page(request, Article.objects.for_listing())
    return render(request, "blog/article_list.html", {"page": page})


@require_GET
def article_detail(request, slug):
    published = Article.objects.published().defer(*WORKING_COPY_ONLY)
    article = _article_queryset(published).filter(slug=slug).first()
    if article is not None:
        return render(
            request,
            "blog/article_detail.html",
            {
                "article": article,
                "live": live_parts(article),
                "updated_by_name": public_editor_name(article.updated_by),
            },
        )
    if request.user.has_perm(PREVIEW_PERMISSION):
        return _staff_preview(request, slug)
    return not_public_response(request, slug)


def not_public_response(request, slug):
    """What a reader gets for an article that is not public: 404.

    The one exception: a withdrawn article answers with the workflow's short
    withdrawal notice (410 Gone), never with its text.
    Drafts, scheduled articles and unknown slugs stay a plain 404.
    """
    response = withdrawn_response(request, slug)
    if response is not None:
        return response
    raise Http404(_("This article does not exist or is not published."))


def withdrawn_response(request, slug):
    """A short notice with the reason for a withdrawn article; None for anything else."""
    article = (
        Article.objects.filter(slug=slug, status=Article.Status.WITHDRAWN)
        .only("slug", "title", "live_title", "status")
        .first()
    )
    if article is None:
        return None
    notice = corrections.withdrawal_notice(article)
    response = render(
        request, "blog/workflow/withdrawn.html", {"article": article, "notice": notice}, status=410
    )
    response["X-Robots-Tag"] = NOT_INDEXED
    return response


def _article_queryset(queryset):
    return queryset.select_related("topic", "updated_by__author_profile")


def _staff_preview(request, slug):
    article = get_object_or_404(_article_queryset(Article.objects.all()), slug=slug)
    response = render(
        request,
        "blog/article_detail.html",
        {
            "article": article,
            "live": preview_parts(article),
            "is_preview": True,
            "updated_by_name": public_editor_name(article.updated_by),
        },
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def live_parts(article):
    """The published snapshot as the template reads it (no rendering on this path)."""
    return snapshot.reader_parts(
        article.live_title, article.live_lead, article.live_body_html, article.live_extras
    )


def preview_parts(article):
    """A snapshot of the working copy, built on the fly for staff."""
    parts = snapshot.build_snapshot(article)
    return snapshot.reader_parts(parts["title"], parts["lead"], parts["body_html"], parts["extras"])


def public_editor_name(user):
    """The name readers see for whoever last published; never a login name."""
    if user is None:
        return ""
    profile = getattr(user, "author_profile", None)
    if profile is not None:
        return profile.name
    return user.get_full_name()


@require_GET
def topic_list(request):
    return render(request, "blog/topic_list.html", {"topics": _topics_with_articles()})


@require_GET
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(tags__slug=slug))
    return render(request, "blog/tag_detail.html", {"tag": tag, "page": page})


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(topic=topic))
    return render(request, "blog/topic_detail.html", {"topic": topic, "page": page})


@require_GET
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(authors=author))
    return render(request, "blog/author_detail.html", {"author": author, "page": page})


@require_GET
def search(request):
    typed = " ".join(request.GET.get("q", "").split())
    query = typed[:MAX_QUERY_LENGTH]
    results = Article.objects.none()
    if query:
        results = Article.objects.for_listing().filter(
            Q(live_title__icontains=query)
            | Q(live_lead__icontains=query)
            | Q(live_search_text__icontains=query)
        )
    return render(
        request,
        "blog/search.html",
        {
            "query": query,
            "shortened": len(typed) > MAX_QUERY_LENGTH,
            "max_length": MAX_QUERY_LENGTH,
            "page": _page(request, results),
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
