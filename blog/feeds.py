from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from blog.models import Article


class RssFeed(Feed):
    title = "Gutcheck"
    link = "/artikelen/"
    description = _("Onderbouwde artikelen over darm en huid.")

    def items(self):
        return Article.objects.for_listing()[:20]

    def item_title(self, item):
        return item.live_title

    def item_description(self, item):
        return item.live_lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description
