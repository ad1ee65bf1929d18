"""Move the published snapshot from the article's live_* columns into editions.

Every published article gets edition 1, current, from its live columns; a withdrawn
article that was once public gets edition 1 as its record, not current. The topic,
tags and authors an edition points to are the working copy's at this moment (the
old snapshot kept only their names); its sources come from the snapshot's citation
records. Only then are the live columns dropped. The reverse writes the current
(or newest) edition back into the live columns.
"""

from django.db import migrations
from django.db.models import Q
from django.utils.html import format_html, format_html_join

# The snapshot's extras that became edition columns of the same meaning.
EXTRAS_TO_COLUMNS = {
    "summary_html": "summary_html",
    "references_html": "references_html",
    "disclaimers_html": "disclaimers_html",
    "review_html": "review_html",
    "json_ld": "json_ld",
    "hero": "hero",
    "citations": "citations",
    "disclaimers": "disclaimers",
    "review": "reviewer",
    "fingerprint": "fingerprint",
}
EMPTY = {"hero": None, "citations": [], "disclaimers": [], "review": None}


def editions_from_live_columns(apps, schema_editor):
    Article = apps.get_model("blog", "Article")
    public = Q(status="published", live_at__isnull=False)  # the old published()
    withdrawn = Q(status="withdrawn") & ~Q(live_title="")
    once_public = Article.objects.filter(public | withdrawn)
    for article in once_public.select_related("topic").order_by("pk"):
        current = article.status == "published" and article.live_at is not None
        _edition_from(apps, article, current=current)


def _edition_from(apps, article, *, current):
    Edition = apps.get_model("blog", "Edition")
    extras = article.live_extras or {}
    published_at = article.live_at or article.updated_at or article.modified_at
    edition = Edition.objects.create(
        article=article,
        number=1,
        is_current=current,
        title=article.live_title,
        slug=article.slug,
        language=article.language,
        lead=article.live_lead,
        body_html=article.live_body_html,
        search_text=article.live_search_text,
        localized=_localized(extras),
        **{
            column: _extra(extras, key)
            for key, column in EXTRAS_TO_COLUMNS.items()
        },
        topic_id=article.topic_id,
        review=_review(apps, article, extras, published_at),
        first_slug=article.slug,
        first_published_at=article.published_at or published_at,
        published_at=published_at,
        published_by_id=article.updated_by_id,
        withdrawn_at=None if current else _withdrawn_at(apps, article),
    )
    edition.authors.set(article.authors.all())
    edition.tags.set(_tag_ids(apps, article))
    edition.sources.set(_source_ids(apps, extras))


def _extra(extras, key):
    value = extras.get(key)
    return value if value is not None else EMPTY.get(key, "")


def _localized(extras):
    """The other languages' chrome, without the byline: that is rendered live now."""
    return {
        code: {part: html for part, html in parts.items() if part != "byline_html"}
        for code, parts in (extras.get("localized") or {}).items()
    }


def _review(apps, article, extras, published_at):
    if not extras.get("review"):
        return None
    Review = apps.get_model("blog", "Review")
    approvals = Review.objects.filter(
        article=article, decision="approved", created_at__lte=published_at
    )
    return approvals.order_by("-created_at", "-id").first()


def _withdrawn_at(apps, article):
    Correction = apps.get_model("blog", "Correction")
    notice = Correction.objects.filter(article=article, kind="withdrawal").order_by("-created_at")
    first = notice.first()
    return first.created_at if first else article.modified_at


def _tag_ids(apps, article):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    content_type = ContentType.objects.filter(app_label="blog", model="article").first()
    if content_type is None:
        return []
    items = TaggedItem.objects.filter(content_type=content_type, object_id=article.pk)
    return list(items.values_list("tag_id", flat=True))


def _source_ids(apps, extras):
    Source = apps.get_model("evidence", "Source")
    cited = {entry["source_id"] for entry in extras.get("citations") or [] if "source_id" in entry}
    return list(Source.objects.filter(pk__in=cited).values_list("pk", flat=True))


def live_columns_from_editions(apps, schema_editor):
    Article = apps.get_model("blog", "Article")
    Edition = apps.get_model("blog", "Edition")
    for article in Article.objects.filter(editions__isnull=False).distinct():
        editions = Edition.objects.filter(article=article)
        edition = editions.filter(is_current=True).first() or editions.order_by("-number").first()
        Article.objects.filter(pk=article.pk).update(
            live_at=edition.published_at if edition.is_current else None,
            live_title=edition.title,
            live_lead=edition.lead,
            live_body_html=edition.body_html,
            live_search_text=edition.search_text,
            live_extras=_extras_of(edition),
        )


def _extras_of(edition):
    byline = _byline(edition)
    extras = {key: getattr(edition, column) for key, column in EXTRAS_TO_COLUMNS.items()}
    topic = edition.topic
    return {
        **extras,
        "byline_html": byline,
        "localized": {
            code: {**parts, "byline_html": byline} for code, parts in edition.localized.items()
        },
        "author_names": [author.name for author in edition.authors.all()],
        "topic": topic.name if topic else "",
        "topic_slug": topic.slug if topic else "",
        "tags": [{"name": t.name, "slug": t.slug} for t in edition.tags.order_by("name")],
    }


def _byline(edition):
    """The byline the old snapshot stored (the live template is not available here)."""
    return format_html_join(
        ", ",
        '<span class="author"><a href="/auteurs/{}/">{}</a>, <span class="credentials">{}</span></span>',
        ((a.slug, a.name, a.credentials) for a in edition.authors.all()),
    ) or format_html("")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_edition"),
        ("contenttypes", "0002_remove_content_type_name"),
        # Its data migration reads and scrubs the live columns, so it must run before they go.
        ("evidence", "0004_source_url_web_only"),
    ]

    operations = [
        migrations.RunPython(editions_from_live_columns, live_columns_from_editions),
        migrations.RemoveField(model_name="article", name="live_at"),
        migrations.RemoveField(model_name="article", name="live_body_html"),
        migrations.RemoveField(model_name="article", name="live_extras"),
        migrations.RemoveField(model_name="article", name="live_lead"),
        migrations.RemoveField(model_name="article", name="live_search_text"),
        migrations.RemoveField(model_name="article", name="live_title"),
    ]
