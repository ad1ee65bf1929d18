"""sitemap.xml: published articles, and the topic and author pages that list them.

Everything comes from current editions: which topic and authors an article is
listed under, its address and when it was last published.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from blog import site_url
from blog.models import Article, Author, Topic


class SiteUrlSitemap(Sitemap):
    """Addresses from SITE_URL, not from the host name of whoever asks for the sitemap."""

    def get_protocol(self, protocol=None):
        return site_url.scheme()

    def get_domain(self, site=None):
        return site_url.domain()


class ArticleSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.for_listing()

    def location(self, item):
        return item.current_edition.get_absolute_url()

    def lastmod(self, item):
        return item.current_edition.published_at


class _ListingSitemap(SiteUrlSitemap):
    """Pages that list published articles; lastmod is their newest article's publication."""

    changefreq = "weekly"
    priority = 0.5
    model = None

    def items(self):
        current = Q(editions__is_current=True)
        return (
            self.model.objects.filter(current)
            .annotate(latest_update=Max("editions__published_at", filter=current))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.latest_update


class TopicSitemap(_ListingSitemap):
    model = Topic


class AuthorSitemap(_ListingSitemap):
    model = Author


class StaticSitemap(SiteUrlSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["blog:home", "blog:article_list", "blog:topic_list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if not hasattr(self, "_latest"):
            self._latest = Article.objects.published().aggregate(
                latest=Max("current_edition__published_at")
            )["latest"]
        return self._latest


sitemaps = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
}
