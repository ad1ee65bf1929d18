"""One language per page: no Dutch chrome on the English site, no broken Dutch in the admin.

- The reader-facing chrome of an article (review byline, evidence summary, badges,
  references, disclaimers) was rendered once, at publish time, in the article's language,
  so the English site showed it in Dutch. It is now rendered per site language.
- The Dutch admin showed Django's untranslated JavaScript ("Choose all auteurs"), raw
  audit codes ("withdraw", "published → withdrawn") and "De artikel … is met succes
  gewijzigd"; and it was branded "Django-beheer".
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from audit.models import AuditEntry
from evidence.models import Claim
from tests.factories import (
    make_article,
    make_citation,
    make_claim,
    make_published_article,
    make_ready,
)
from tests.test_admin_articles import _form_data

pytestmark = pytest.mark.django_db

DUTCH_CHROME = ["Medisch beoordeeld door", "bewijs: matig", "Bewijs in dit artikel", ">Bronnen<"]
ENGLISH_CHROME = [
    "Medically reviewed by",
    "evidence: moderate",
    "Evidence in this article",
    ">Sources<",
]


@pytest.fixture
def dutch_article(editor):
    article = make_article(
        title="Zink bij acne", body="Zink helpt misschien [[claim:zink]].", language="nl"
    )
    make_citation(make_claim(article, key="zink", category=Claim.Category.EFFICACY))
    make_ready(article)
    article.publish(by=editor)
    return article


def _page(client, article, language):
    response = client.get(article.get_absolute_url(), headers={"accept-language": language})
    assert response.status_code == 200
    return response.content.decode()


def test_the_english_site_shows_the_chrome_of_a_dutch_article_in_english(client, dutch_article):
    page = _page(client, dutch_article, "en")
    for english in ENGLISH_CHROME:
        assert english in page, english
    for dutch in DUTCH_CHROME:
        assert dutch not in page, dutch
    assert "Zink helpt misschien" in page  # the text itself stays as written
    assert 'class="claim-badge level-moderate" href="#ref-zink" id="claim-zink" lang="en"' in page


def test_the_dutch_site_shows_it_in_dutch(client, dutch_article):
    page = _page(client, dutch_article, "nl")
    for dutch in DUTCH_CHROME:
        assert dutch in page, dutch
    assert "Medically reviewed by" not in page


def test_staff_previews_follow_the_readers_language_too(client, editor):
    article = make_article(body="Zink helpt misschien [[claim:zink]].")
    make_citation(make_claim(article, key="zink", category=Claim.Category.EFFICACY))
    make_ready(article)
    client.force_login(editor)
    page = _page(client, article, "en")
    assert "evidence: moderate" in page and "bewijs: matig" not in page


@pytest.fixture
def dutch_admin(client):
    client.force_login(User.objects.create_superuser("baas", "baas@example.test", "pw"))
    return client


def test_the_dutch_admin_says_it_saved_an_article_in_correct_dutch(dutch_admin):
    article = make_article(title="Vezels")
    url = reverse("admin:blog_article_change", args=[article.pk])
    response = dutch_admin.post(url, _form_data(dutch_admin.get(url)), follow=True)
    page = response.content.decode()
    assert f'Wijzigingen in artikel “<a href="{url}">Vezels</a>” opgeslagen.' in page
    assert "De artikel" not in page


def test_the_audit_log_names_actions_and_states_in_dutch(dutch_admin, editor):
    article = make_published_article(by=editor, title="Teruggetrokken stuk")
    article.withdraw(by=editor, reason="Verouderd")
    page = dutch_admin.get(reverse("admin:audit_auditentry_changelist")).content.decode()
    assert "gepubliceerd → teruggetrokken" in page
    assert ">teruggetrokken<" in page
    assert "published → withdrawn" not in page and ">withdraw<" not in page
    entry = AuditEntry.objects.get(action="withdraw")
    detail = dutch_admin.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert "gepubliceerd → teruggetrokken" in detail.content.decode()


def test_the_admin_is_branded_as_the_site(dutch_admin):
    page = dutch_admin.get(reverse("admin:index")).content.decode()
    assert "Gutcheck-redactie" in page and "Django-beheer" not in page
    assert "Django" not in page.split("<title>")[1].split("</title>")[0]


def test_the_login_page_is_branded_too(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert "Gutcheck-redactie" in page and "Django-beheer" not in page
