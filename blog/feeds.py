"""RSS and Atom feeds of published articles, served from the stored snapshot."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from blog.models import Article
from blog.site_url import absolute_url

FEED_SIZE = 20


def feed_items():
    """Newest published articles with their snapshot extras (authors, topic, tags)."""
    return (
        Article.objects.published()
        .defer("body", "body_html", "live_body_html", "live_search_text")
        .order_by("-published_at", "-id")[:FEED_SIZE]
    )


class RssFeed(Feed):
    """Links are absolute from SITE_URL (Django would take the request's host name)."""

    title = "Gutcheck"
    description = _("Evidence-based articles about gut and skin.")
    # No `language` here: Django's Feed reads that attribute as it is (a method would be
    # printed as its repr) and falls back to the active language, which is what we want.

    def link(self):
        return absolute_url(reverse("blog:article_list"))

    def feed_url(self):
        return absolute_url(reverse("feed-rss"))

    def items(self):
        return feed_items()

    def item_title(self, item):
        return item.live_title

    def item_description(self, item):
        return item.live_lead

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(item.live_extras.get("author_names", [])) or None

    def item_categories(self, item):
        extras = item.live_extras
        topic = [extras["topic"]] if extras.get("topic") else []
        return topic + [tag["name"] for tag in extras.get("tags", [])]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description

    def feed_url(self):
        return absolute_url(reverse("feed-atom"))
