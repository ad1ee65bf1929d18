from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from blog.models import Article
from evidence.models import Source


@require_GET
def source_detail(request, pk):
    source = get_object_or_404(Source, pk=pk)
    articles = Article.objects.for_listing().filter(claims__citations__source=source).distinct()
    return render(request, "evidence/source_detail.html", {"source": source, "articles": articles})
