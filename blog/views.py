"""Public pages. Every query for articles starts from Article.objects.published()."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from taggit.models import Tag

from blog import snapshot
from blog.models import Article, Author, Topic


def _page(request, queryset):
    paginator = Paginator(queryset, settings.GUTCHECK["ARTICLES_PER_PAGE"])
    return paginator.get_page(request.GET.get("page"))


@require_GET
def home(request):
    articles = list(Article.objects.for_listing()[:7])
    topics = Topic.objects.filter(articles__in=Article.objects.published()).distinct()
    return render(request, "blog/home.html", {
        "featured": articles[:1], "articles": articles[1:], "topics": topics,
    })


@require_GET
def article_list(request):
    page = _page(request, Article.objects.for_listing())
    return render(request, "blog/article_list.html", {"page": page, "heading": _("Alle artikelen")})


@require_GET
def article_detail(request, slug):
    article = Article.objects.filter(slug=slug).select_related("topic").first()
    if article is None:
        raise Http404
    if article.is_public:
        return render(request, "blog/article_detail.html", {
            "article": article,
            "live": _live_view(article),
        })
    if not request.user.has_perm("blog.change_article"):
        raise Http404
    response = render(request, "blog/article_detail.html", {
        "article": article,
        "live": _preview_view(article),
        "is_preview": True,
    })
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _live_view(article):
    extras = article.live_extras
    return {
        "title": article.live_title,
        "lead": article.live_lead,
        "body_html": article.live_body_html,
        **extras,
    }


def _preview_view(article):
    parts = snapshot.build_snapshot(article)
    return {"title": parts["title"], "lead": parts["lead"], "body_html": parts["body_html"],
            **parts["extras"]}


@require_GET
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(tags__slug=slug))
    return render(request, "blog/article_list.html", {
        "page": page, "heading": _("Tag: %(tag)s") % {"tag": tag.name},
    })


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(topic=topic))
    return render(request, "blog/article_list.html", {
        "page": page, "heading": topic.name, "description": topic.description,
    })


@require_GET
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    page = _page(request, Article.objects.for_listing().filter(authors=author))
    return render(request, "blog/author_detail.html", {"author": author, "page": page})


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Article.objects.none()
    if query:
        results = Article.objects.for_listing().filter(
            Q(live_title__icontains=query) | Q(live_lead__icontains=query)
            | Q(live_search_text__icontains=query)
        )
    return render(request, "blog/search.html", {"query": query, "page": _page(request, results)})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
