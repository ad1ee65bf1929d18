from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from blog.feeds import AtomFeed, RssFeed
from blog.sitemaps import sitemaps
from blog.views import robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("feed/rss/", RssFeed(), name="feed-rss"),
    path("feed/atom/", AtomFeed(), name="feed-atom"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("comments.urls")),
    path("", include("blog.urls")),
]

if settings.DEBUG:
    urlpatterns.insert(0, path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
