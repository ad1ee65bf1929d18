"""Medical review and publication of demo articles, through the editorial workflow's API."""

from blog.demo import data
from blog.workflow import review, revisions


def record_first_revision(article, *, editor):
    """Version 1 in the article's history: the text together with its claims and citations."""
    revisions.record_revision(article, by=editor)


def submit_for_review(article, *, editor):
    review.submit(article, by=editor, note=data.workflow_texts()["submit_note"])


def approve(article, *, reviewer):
    """The reviewer approves the article exactly as it is now."""
    review.approve(
        article,
        by=reviewer,
        revision=revisions.current_revision(article),
        comment=data.workflow_texts()["approval_comment"],
    )


def publish(article, *, editor):
    """Through the gate, like every other publication; raises ValidationError when refused."""
    article.publish(by=editor)
