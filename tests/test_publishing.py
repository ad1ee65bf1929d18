import pytest
from django.core.exceptions import ValidationError

from blog.models import Article
from tests.factories import make_approval, make_article, make_published_article, make_ready

pytestmark = pytest.mark.django_db


def test_publish_makes_article_public_and_records_audit(editor):
    article = make_ready(make_article(body="Tekst."))
    article.publish(by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert Article.objects.published().filter(pk=article.pk).exists()
    entry = article.audit_entries.get(action__startswith="publish")
    assert (entry.action, entry.actor, entry.from_state) == ("publish", editor, "draft")


def test_save_refuses_status_change_outside_transitions():
    article = make_article()
    article.status = Article.Status.PUBLISHED
    with pytest.raises(ValidationError):
        article.save()
    assert not Article.objects.published().exists()


def test_edit_of_published_article_stays_pending_until_publish(editor, client):
    article = make_published_article(by=editor, title="Oude titel")
    article.title = "Nieuwe titel"
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Oude titel" in page and "Nieuwe titel" not in page
    make_approval(article)  # readers see the title, so it needs a new review
    article.publish(by=editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Nieuwe titel" in page


def test_gate_refuses_unknown_marker_and_leaves_article_untouched(editor):
    article = make_article(body="Probiotica helpen [[claim:onbekend]].")
    with pytest.raises(ValidationError) as refused:
        article.publish(by=editor)
    assert "onbekend" in " ".join(refused.value.messages)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_saving_only_the_body_still_stores_its_rendering():
    article = make_article(body="Oud.")
    article.body = "## Nieuw"
    article.save(update_fields=["body"])
    article.refresh_from_db()
    assert article.body_html == '<h2 id="nieuw">Nieuw</h2>'
