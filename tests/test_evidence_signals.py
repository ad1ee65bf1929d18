"""evidence tells blog of an integrity change through a signal, since it may not import blog.

blog's handler writes the audit entries and the editors' mail (test_evidence_integrity.py
shows what they say); here: evidence announces each change once, with who made it.
"""

import pytest

from audit.models import AuditEntry
from evidence.models import Source
from evidence.signals import integrity_changed
from tests.factories import make_article, make_citation, make_claim, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    calls = []

    def listen(sender, **kwargs):
        calls.append(kwargs)

    integrity_changed.connect(listen)
    yield calls
    integrity_changed.disconnect(listen)


def test_a_status_change_is_announced_once_with_the_old_status_and_who(heard, editor):
    source = make_source()
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.", by=editor)
    [call] = heard
    assert call["source"] == source and call["by"] == editor
    assert call["previous"] == Source.Integrity.NONE


def test_saving_the_same_status_again_announces_nothing(heard):
    source = make_source()
    source.set_integrity(Source.Integrity.CONCERN, "Expression of concern.")
    source.set_integrity(Source.Integrity.CONCERN, "Expression of concern, updated.")
    assert len(heard) == 1


def test_blog_flags_each_citing_article_in_its_history(editor):
    source = make_source()
    article = make_article(body="Zink [[claim:zink]].")
    make_citation(make_claim(article, key="zink"), source)
    source.set_integrity(Source.Integrity.RETRACTED, "Retraction notice.", by=editor)
    flag = AuditEntry.objects.get(action="source_integrity_flag")
    assert flag.article == article and flag.actor == editor
    assert AuditEntry.objects.filter(action="source_integrity", actor=editor).count() == 1
