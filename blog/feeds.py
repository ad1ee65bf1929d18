"""RSS and Atom feeds of published articles, served from their current editions."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from blog.models import Article, prefetch_editions
from blog.site_url import absolute_url

FEED_SIZE = 20


def feed_items():
    """Newest published articles, each with its current edition, topic, tags and authors."""
    return prefetch_editions(Article.objects.for_listing()[:FEED_SIZE], "tags", "authors")


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
        return item.current_edition.title

    def item_description(self, item):
        return item.current_edition.lead

    def item_link(self, item):
        return absolute_url(item.current_edition.get_absolute_url())

    def item_guid(self, item):
        # The address at first publication: a later slug change must not make it a new item.
        return absolute_url(item.current_edition.guid_url())

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.current_edition.first_published_at

    def item_updateddate(self, item):
        return item.current_edition.published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.current_edition.authors.all()) or None

    def item_categories(self, item):
        edition = item.current_edition
        topic = [edition.topic.name] if edition.topic else []
        return topic + sorted(tag.name for tag in edition.tags.all())


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description

    def feed_url(self):
        return absolute_url(reverse("feed-atom"))
