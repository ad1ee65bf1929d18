"""Medical review and publication of demo articles, through the editorial workflow's API."""

from django.utils.translation import gettext as _

from blog.workflow import review, revisions


def record_first_revision(article, *, editor):
    """Version 1 in the article's history: the text together with its claims and citations."""
    revisions.record_revision(article, by=editor)


def submit_for_review(article, *, editor):
    review.submit(article, by=editor, note=_("Graag een medische beoordeling van deze versie."))


def approve(article, *, reviewer):
    """The reviewer approves the article exactly as it is now."""
    review.approve(
        article,
        by=reviewer,
        revision=revisions.current_revision(article),
        comment=_("Medisch juist weergegeven; de zekerheidslabels passen bij de bronnen."),
    )


def publish(article, *, editor):
    """Through the gate, like every other publication; raises ValidationError when refused."""
    article.publish(by=editor)
