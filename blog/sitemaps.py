from django.contrib.sitemaps import Sitemap

from blog.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.for_listing()

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"articles": ArticleSitemap}
