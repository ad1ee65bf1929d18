"""RSS and Atom feeds of published articles, served from the stored snapshot."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from blog.models import Article

FEED_SIZE = 20


def feed_items():
    """Newest published articles with their snapshot extras (authors, topic, tags)."""
    return (
        Article.objects.published()
        .defer("body", "body_html", "live_body_html", "live_search_text")
        .order_by("-published_at", "-id")[:FEED_SIZE]
    )


class RssFeed(Feed):
    # No `language` here: Django's Feed reads that attribute as it is (a method would be
    # printed as its repr) and falls back to the request's language, which is what we want.
    title = "Gutcheck"
    link = reverse_lazy("blog:article_list")
    description = _("Evidence-based articles about gut and skin.")

    def feed_url(self):
        return reverse("feed-rss")

    def items(self):
        return feed_items()

    def item_title(self, item):
        return item.live_title

    def item_description(self, item):
        return item.live_lead

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

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
        return reverse("feed-atom")
