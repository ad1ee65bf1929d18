"""A NUL character anywhere a reader controls gets a normal answer, on SQLite and PostgreSQL.

PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"), which used to
surface as a 500 from any query that compared the reader's value.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import comment_post_data, make_published_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/zoeken/?q=a%00b",
        "/zoeken/?q%00=a",
        "/voorbeeld/%00/",
        "/voorbeeld/abc%00def/",
        "/artikelen/?page=%00",
        "/admin/login/?next=/admin/%00",
    ],
)
def test_a_nul_in_the_address_gets_a_400_with_a_readable_page(client, url):
    response = client.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit adres is niet te lezen" in page
    assert "\x00" not in page


def test_a_nul_in_the_admin_changelist_search_gets_a_400(client):
    User.objects.create_superuser("baas", "baas@example.test", "pw")
    client.login(username="baas", password="pw")
    assert client.get(reverse("admin:comments_comment_changelist") + "?q=%00").status_code == 400


def test_a_nul_in_a_cookie_gets_a_400_and_not_a_session_lookup(client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get(reverse("blog:home")).status_code == 400


def test_a_nul_in_a_header_gets_a_400(client):
    response = client.get(reverse("blog:home"), headers={"accept-language": "nl\x00"})
    assert response.status_code == 400


def test_a_nul_typed_into_the_comment_form_is_dropped_and_the_rest_is_stored(client):
    article = make_published_article()
    data = comment_post_data(article, name="Sa\x00nne", body="Helpt\x00 dit?")
    response = client.post(reverse("comments:post", args=[article.slug]), data)
    assert response.status_code == 302
    stored = article.comments.get()
    assert (stored.name, stored.body) == ("Sanne", "Helpt dit?")


def test_a_nul_typed_into_an_admin_form_is_a_field_error_that_keeps_the_input(client):
    response = client.post(
        reverse("admin:login"), {"username": "red\x00acteur", "password": "geheim"}
    )
    assert response.status_code == 200
    assert "Null-tekens zijn niet toegestaan." in response.content.decode()


def test_the_400_page_speaks_the_readers_language(client):
    client.get("/", headers={"accept-language": "en"})  # a request that activated English
    assert "Dit adres is niet te lezen" in client.get("/zoeken/?q=%00").content.decode()
    english = client.get("/zoeken/?q=%00", headers={"accept-language": "en"})
    assert "This address cannot be read" in english.content.decode()


def test_ordinary_requests_pass_untouched(client):
    article = make_published_article(title="Kefir en eczeem")
    assert client.get(reverse("blog:search") + "?q=kefir").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
