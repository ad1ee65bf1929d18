"""Topics, authors and article drafts (text, tags, hero illustration) for the demo."""

from django.core.files.base import ContentFile
from django.db import transaction

from blog.demo import data, images
from blog.models import Article, Author, Topic

AUTHOR_FIELDS = ("name", "credentials", "is_health_professional", "big_number", "bio", "disclosure")


@transaction.atomic
def seed_topics():
    """Create missing topics; returns {slug: Topic}."""
    for spec in data.topics():
        Topic.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "description": spec["description"]}
        )
    return {topic.slug: topic for topic in Topic.objects.all()}


@transaction.atomic
def seed_authors():
    """Create missing author profiles; returns {slug: Author}."""
    for spec in data.authors():
        defaults = {field: spec[field] for field in AUTHOR_FIELDS if field in spec}
        Author.objects.get_or_create(slug=spec["slug"], defaults=defaults)
    return {author.slug: author for author in Author.objects.all()}


def create_draft(spec, *, topics, authors):
    """A new draft article from its spec, with authors, tags and hero illustration."""
    article = Article(
        slug=spec["slug"],
        title=spec["title"],
        lead=spec["lead"],
        body=spec["body"]["text"].strip(),
        topic=topics[spec["topic"]],
        hero_alt=spec["hero"]["alt"],
        hero_caption=spec["hero"]["caption"],
        hero_credit=images.CREDIT,
        hero_licence=images.LICENCE,
    )
    _attach_hero(article, spec)
    article.save()  # version 1 is recorded once the claims are in place (demo.workflow)
    article.authors.set([authors[slug] for slug in spec["authors"]])
    article.tags.add(*spec["tags"])
    return article


def _attach_hero(article, spec):
    """Draw the illustration, or reuse the file a previous run left in the media folder."""
    field = article.hero_image.field
    name = field.generate_filename(article, f"{spec['slug']}.png")
    if field.storage.exists(name):
        article.hero_image.name = name
        return
    picture = images.illustration_png(spec["slug"], spec["topic"], spec["hero"]["motif"])
    article.hero_image.save(f"{spec['slug']}.png", ContentFile(picture), save=False)
