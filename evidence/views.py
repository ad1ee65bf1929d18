from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from blog.models import Article
from evidence.models import Source

SOURCES_PER_PAGE = 25


@require_GET
def source_list(request):
    """Every source the published articles cite, newest first, with how many cite it."""
    cited = Article.objects.published().cited_sources()
    paginator = Paginator(Source.objects.filter(pk__in=cited), SOURCES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    for source in page:
        source.citing_articles = cited[source.pk]
    return render(
        request,
        "evidence/source_list.html",
        {"page": page, "article_count": Article.objects.published().count()},
    )


@require_GET
def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    articles = Article.objects.for_listing().filter(claims__citations__source=source).distinct()
    return render(request, "evidence/source_detail.html", {"source": source, "articles": articles})
