"""sitemap.xml: published articles, and the topic and author pages that list them."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
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
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at or item.published_at


class _ListingSitemap(SiteUrlSitemap):
    """Pages that list published articles; lastmod is their newest article's update."""

    changefreq = "weekly"
    priority = 0.5
    model = None
    relation = ""

    def items(self):
        published = Article.objects.published()
        return (
            self.model.objects.filter(**{f"{self.relation}__in": published})
            .annotate(latest_update=Max(f"{self.relation}__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.latest_update


class TopicSitemap(_ListingSitemap):
    model = Topic
    relation = "articles"


class AuthorSitemap(_ListingSitemap):
    model = Author
    relation = "articles"


class StaticSitemap(SiteUrlSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["blog:home", "blog:article_list", "blog:topic_list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        if not hasattr(self, "_latest"):
            self._latest = Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return self._latest


sitemaps = {
    "pages": StaticSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
}
