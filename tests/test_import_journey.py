"""The whole journey through the real admin: import three DOIs, cite one, the registry retracts it."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from evidence.models import Source
from tests.factories import make_article, make_citation, make_claim, make_ready
from tests.import_helpers import THREE_DOIS, confirm, preview_of, selected

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("review_not_required")]

RETRACTED_NOTICE = "Een van de bronnen van dit artikel is ingetrokken"
RETRACTION_WATCH = {
    "updated": {
        "date-parts": [[2026, 11, 3]],
        "date-time": "2026-11-03T00:00:00Z",
        "timestamp": 1793664000000,
    },
    "DOI": "10.5555/gc.probiotica-rct-retraction",
    "type": "retraction",
    "source": "retraction-watch",
    "label": "Retraction",
    "record-id": 60012,
}


def test_import_cite_publish_then_check_integrity_marks_it_and_the_page_says_so(
    admin_client, registries, editor, client, django_capture_on_commit_callbacks
):
    url, page = preview_of(admin_client, THREE_DOIS)
    assert selected(page, "design") == ["rct", "sr_rct", "animal"]
    confirm(admin_client, url, page)
    source = Source.objects.get(doi="10.5555/gc.probiotica-rct")

    article = make_article(
        title="Probiotica tegen puistjes?", body="Probiotica helpen mogelijk [[claim:acne]]."
    )
    make_citation(make_claim(article, key="acne"), source)
    make_ready(article)
    article.publish(by=editor)
    assert RETRACTED_NOTICE not in client.get(article.get_absolute_url()).content.decode()

    registries.works["10.5555/gc.probiotica-rct"]["message"]["updated-by"] = [RETRACTION_WATCH]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_integrity", stdout=io.StringIO())

    change = admin_client.get(
        reverse("admin:evidence_source_change", args=[source.pk])
    ).content.decode()
    assert re.search(r'<option value="retracted" selected>', change)
    assert "Retraction Watch via Crossref (record 60012)" in change
    assert RETRACTED_NOTICE in client.get(article.get_absolute_url()).content.decode()
    assert len(mail.outbox) == 1 and "Probiotica tegen puistjes?" in mail.outbox[0].body
    flagged = admin_client.get(
        reverse("admin:blog_article_changelist"), {"bronintegriteit": "retracted"}
    )
    assert "Probiotica tegen puistjes?" in flagged.content.decode()
