"""Run by tests/test_review_fingerprint_migration.py in a subprocess (the test run itself
has migrations switched off): migrate a fresh SQLite database, make reviewed articles, step
back to before blog 0020 (version-1 fingerprints) and forward again. Prints one JSON line.
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

BEFORE = "0011_editions_from_live_columns"


def main():
    call_command("migrate", verbosity=0)
    from blog.models import Article, Review, Revision
    from blog.workflow import revisions
    from evidence.readiness import readiness
    from tests.factories import make_article, make_citation, make_claim, make_ready

    def reviewed(title):
        body = "Zink helpt mogelijk [[claim:zink]]."
        article = make_article(title=title, body=body, tags=["acne", "zink"])
        make_citation(make_claim(article, key="zink"), locator="tabel 1")
        return make_ready(article)

    def review_messages(article):
        fresh = Article.objects.get(pk=article.pk)
        return [p.message for p in readiness(fresh) if p.code == "medical_review"]

    unchanged, edited = reviewed("Ongewijzigd"), reviewed("Intro gewijzigd")
    edited.lead = "Een inleiding die de beoordelaar nooit zag."
    edited.save()
    revisions.record_revision(edited)
    counts_before = [Revision.objects.count(), Review.objects.count()]

    call_command("migrate", "blog", BEFORE, verbosity=0)
    approval = Review.objects.get(article=edited, decision=Review.Decision.APPROVED)
    reviewed, newest = Revision.objects.get(pk=approval.revision_id), revisions.latest(edited)
    v1_blind_to_lead = reviewed.number < newest.number and (
        reviewed.content_hash == newest.content_hash
    )
    stripped = "level" not in reviewed.data["claims"][0]["citations"][0] and (
        "tag_ids" not in reviewed.data
    )

    call_command("migrate", verbosity=0)
    latest = revisions.latest(unchanged).pk
    revisions.record_revision(Article.objects.get(pk=unchanged.pk))
    print(
        json.dumps(
            {
                "v1_blind_to_lead": v1_blind_to_lead,
                "stripped": stripped,
                "counts": [counts_before, [Revision.objects.count(), Review.objects.count()]],
                "unchanged": review_messages(unchanged),
                "edited": review_messages(edited),
                "no_new_revision": revisions.latest(unchanged).pk == latest,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
