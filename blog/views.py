"""Public pages. Every query for articles starts from Article.objects.published(),
and a page shows the article's current edition, never its working copy.

Staff previews of unpublished articles are the one exception, and only after a
permission check; they are never cached and never indexed.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from taggit.models import Tag

from blog import snapshot
from blog.models import Article, Author, Edition, Topic, prefetch_editions
from blog.site_url import absolute_url
from blog.workflow import corrections
from evidence.models import Source

PREVIEW_PERMISSION = "blog.change_article"
NOT_INDEXED = "noindex, nofollow"
MAX_QUERY_LENGTH = 200
HOME_RECENT = 6
SOURCES_PER_PAGE = 25


def _page(request, queryset):
    paginator = Paginator(queryset, settings.GUTCHECK["ARTICLES_PER_PAGE"])
    return paginator.get_page(request.GET.get("page"))


def _topics_with_articles():
    """Topics that published articles' current editions are filed under, with how many."""
    current = Q(editions__is_current=True)  # the column Article.objects.published() reads
    return (
        Topic.objects.filter(current)
        .annotate(article_count=Count("editions", filter=current, distinct=True))
        .order_by("name")
    )


@require_GET
def home(request):
    listing = Article.objects.for_listing()
    featured = next(iter(prefetch_editions(listing[:1], "authors")), None)
    recent = listing
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
    published = _article_queryset(Article.objects.published().defer("body", "body_html"))
    article = published.filter(current_edition__slug=slug).first()
    if article is None:
        return _not_at_this_address(request, slug)
    edition = article.current_edition
    return render(
        request,
        "blog/article_detail.html",
        {
            "article": article,
            "live": snapshot.edition_parts(edition),
            "updated_by_name": public_editor_name(edition.published_by),
        },
    )


def _not_at_this_address(request, slug):
    """An earlier edition's address (301), a staff preview, a slug not yet live, or nothing."""
    moved = _moved_to(slug)
    if moved is not None:
        return HttpResponsePermanentRedirect(moved)
    if request.user.has_perm(PREVIEW_PERMISSION) and Article.objects.filter(slug=slug).exists():
        return _staff_preview(request, slug)
    pending = Article.objects.published().filter(slug=slug).first()
    if pending is not None:
        # A new slug before its publish: readers (and the comment form's redirects) go to the
        # live address, temporarily, since this one becomes the article's at the next publish.
        return HttpResponseRedirect(pending.current_edition.get_absolute_url())
    return not_public_response(request, slug)


def _moved_to(slug):
    """The current address of a published article that an earlier edition had at this slug."""
    earlier = Edition.objects.filter(slug=slug).values("article")
    article = Article.objects.published().filter(pk__in=earlier).first()
    return article.current_edition.get_absolute_url() if article else None


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


def _article_queryset(queryset):
    return queryset.select_related(
        "current_edition__topic", "current_edition__published_by__author_profile"
    )


def _staff_preview(request, slug):
    article = get_object_or_404(
        Article.objects.select_related("topic", "updated_by__author_profile"), slug=slug
    )
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


def preview_parts(article):
    """A snapshot of the working copy, built on the fly for staff."""
    return {
        **snapshot.build_snapshot(article).reader_parts(),
        "first_published_at": article.published_at,
        "published_at": article.updated_at,
    }


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
    page = _page(request, Article.objects.for_listing().filter(current_edition__tags=tag))
    return render(request, "blog/tag_detail.html", {"tag": tag, "page": page})


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(current_edition__topic=topic))
    return render(request, "blog/topic_detail.html", {"topic": topic, "page": page})


@require_GET
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(current_edition__authors=author))
    return render(request, "blog/author_detail.html", {"author": author, "page": page})


@require_GET
def search(request):
    typed = " ".join(request.GET.get("q", "").split())
    query = typed[:MAX_QUERY_LENGTH]
    results = Article.objects.none()
    if query:
        results = Article.objects.for_listing().filter(
            Q(current_edition__title__icontains=query)
            | Q(current_edition__lead__icontains=query)
            | Q(current_edition__search_text__icontains=query)
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
def source_list(request):
    """Every source the current editions cite, newest first, with how many cite it."""
    current = Q(editions__is_current=True)  # the column Article.objects.published() reads
    cited = Source.objects.filter(current).annotate(
        citing_articles=Count("editions", filter=current, distinct=True)
    )
    # An aggregate drops the model's default ordering; pagination needs one.
    paginator = Paginator(cited.order_by(*Source._meta.ordering, "pk"), SOURCES_PER_PAGE)
    return render(
        request,
        "blog/source_list.html",
        {
            "page": paginator.get_page(request.GET.get("page")),
            "article_count": Article.objects.published().count(),
        },
    )


@require_GET
def source_detail(request, pk):
    """A source (its integrity notice as it is now) and the articles whose edition cites it."""
    source = get_object_or_404(Source, pk=pk)
    articles = Article.objects.for_listing().filter(current_edition__sources=source)
    return render(request, "blog/source_detail.html", {"source": source, "articles": articles})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
