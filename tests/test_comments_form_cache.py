"""The empty comment form is cached per article; what shapes it still shows at once."""

import pytest

from blog.models import Article
from tests.factories import make_published_article

pytestmark = pytest.mark.django_db


def test_closing_experiences_removes_the_experience_fields_on_the_next_view(client):
    article = make_published_article()
    assert "experience-fields" in client.get(article.get_absolute_url()).content.decode()
    Article.objects.filter(pk=article.pk).update(experiences_open=False)
    assert "experience-fields" not in client.get(article.get_absolute_url()).content.decode()


def test_each_reader_gets_a_fresh_form_timestamp(client):
    article = make_published_article()
    first = client.get(article.get_absolute_url()).content.decode()
    second = client.get(article.get_absolute_url()).content.decode()
    stamp = 'name="started"'
    assert stamp in first
    assert first.split(stamp)[1][:120] != second.split(stamp)[1][:120]
