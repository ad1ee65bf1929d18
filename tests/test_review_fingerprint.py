"""The medical review covers everything readers see that an editor writes.

For each input: a reviewed article whose input changes is refused by the gate with the
review problem, naming the part, and the review screen names it. What is derived or
recorded (the rendering, the review itself, dates) and what belongs to a shared record
(an author's name, a source's title) leaves the review valid.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from blog.models import Article, Topic
from blog.workflow import review, revisions
from evidence.models import ArticleDisclaimer, Disclaimer, Source
from evidence.readiness import readiness
from tests.evidence_helpers import article_change_url, post_admin_form
from tests.factories import (
    make_approval,
    make_article,
    make_author,
    make_citation,
    make_claim,
    make_published_article,
    make_ready,
    make_reviewer,
    make_source,
    make_topic,
)

pytestmark = pytest.mark.django_db


def reviewed_article():
    """Ready and approved: a claim with a citation, the required disclaimers, a topic, a tag."""
    article = make_article(
        body="Zink helpt mogelijk bij acne [[claim:zink]].",
        topic=make_topic(),
        tags=["acne"],
        hero_image="heroes/2026/zink.jpg",
        hero_alt="Een zinkpil",
    )
    claim = make_claim(article, key="zink", statement="Zink vermindert acne mogelijk.")
    make_citation(claim, make_source(design=Source.Design.RCT))
    ArticleDisclaimer.objects.create(
        article=article, disclaimer=_extra_disclaimer("vooraf"), note="Waarom erbij."
    )
    make_ready(article)
    assert [p.code for p in readiness(article)] == []
    return Article.objects.get(pk=article.pk)


def _save(article, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()


def _citation(article):
    return article.claims.get(key="zink").citations.get()


def _adjust_level(article):
    citation = _citation(article)
    citation.level_override = "low"
    citation.override_reason = "small_sample"
    citation.override_explanation = "Slechts 40 deelnemers."
    citation.save()


def _regrade_source(article):
    source = _citation(article).source
    source.design = Source.Design.COHORT
    source.save()


def _extra_disclaimer(slug):
    return Disclaimer.objects.create(
        kind="preliminary", slug=slug, title=slug, text_nl="Voorlopig.", text_en="Preliminary."
    )


def _attach_extra_disclaimer(article):
    ArticleDisclaimer.objects.create(article=article, disclaimer=_extra_disclaimer("extra"))


def _edit_disclaimer_note(article):
    article.attached_disclaimers.update(note="Een andere toelichting.")


# (input, how an editor changes it, the part the review screen names)
CHANGES = [
    ("title", lambda a: _save(a, title="Een nieuwe kop"), "titel"),
    ("language", lambda a: _save(a, language="en"), "taal"),
    ("commercial interest", lambda a: _save(a, commercial_interest=True), "commercieel belang"),
    ("lead", lambda a: _save(a, lead="Een andere inleiding."), "intro"),
    ("slug", lambda a: _save(a, slug="een-nieuw-adres"), "slug"),
    ("body", lambda a: _save(a, body=a.body + " Een gewone zin erbij."), "tekst"),
    ("hero image", lambda a: _save(a, hero_image="heroes/2026/ander.jpg"), "hoofdafbeelding"),
    ("hero alt text", lambda a: _save(a, hero_alt="Een ander beeld"), "alt-tekst"),
    ("hero caption", lambda a: _save(a, hero_caption="Zink in pilvorm."), "bijschrift"),
    ("hero credit", lambda a: _save(a, hero_credit="Foto: Jan"), "beeldbron"),
    ("hero licence", lambda a: _save(a, hero_licence="CC BY 4.0"), "licentie"),
    ("topic", lambda a: _save(a, topic=make_topic()), "onderwerp"),
    ("tags", lambda a: a.tags.add("huid"), "tags"),
    ("authors", lambda a: a.authors.add(make_author()), "auteurs"),
    ("claim", lambda a: a.claims.update(statement="Zink vermindert acne."), "claims"),
    ("new claim", lambda a: make_claim(a, key="extra", category="opinion"), "claims"),
    ("citation", lambda a: _citation(a).__class__.objects.update(locator="tabel 2"), None),
    ("new citation", lambda a: make_citation(a.claims.get(key="zink")), None),
    ("citation level override", _adjust_level, None),
    ("citation level from its source", _regrade_source, None),
    ("extra disclaimer", _attach_extra_disclaimer, "disclaimers"),
    ("disclaimer note", _edit_disclaimer_note, "disclaimers"),
]
CITATIONS = "bronvermeldingen"


def _label(part):
    return part or CITATIONS


@pytest.fixture
def article():
    return reviewed_article()


def _review_problem(article):
    fresh = Article.objects.get(pk=article.pk)
    return [p.message for p in readiness(fresh) if p.code == "medical_review"]


@pytest.mark.parametrize(("name", "change", "part"), CHANGES, ids=[c[0] for c in CHANGES])
def test_changing_any_reviewed_input_needs_a_new_review(article, editor, name, change, part):
    change(article)
    [problem] = _review_problem(article)
    assert "verouderd" in problem
    assert f"gewijzigd sinds de beoordeling: {_label(part)}" in problem
    with pytest.raises(ValidationError) as refused:
        Article.objects.get(pk=article.pk).publish(by=editor)
    assert problem in refused.value.messages


@pytest.mark.parametrize(("name", "change", "part"), CHANGES, ids=[c[0] for c in CHANGES])
def test_the_review_screen_names_the_changed_part(article, client, name, change, part):
    change(article)
    client.force_login(make_reviewer())
    page = client.get(reverse("admin:blog_article_review", args=[article.pk]))
    assert page.status_code == 200
    assert f"Gewijzigd sinds de beoordeling: {_label(part)}" in page.content.decode()


def test_the_screen_lists_every_changed_part_as_editors_name_them(article, client):
    _save(article, lead="Een andere inleiding.")
    article.tags.add("huid")
    client.force_login(make_reviewer())
    page = client.get(reverse("admin:blog_article_review", args=[article.pk])).content.decode()
    assert "Gewijzigd sinds de beoordeling: intro, tags" in page


def test_the_revision_diff_names_the_reviewed_parts(article, client, editor):
    first = revisions.current_revision(article)
    _save(article, lead="Een andere inleiding.", title="Nieuwe kop")
    second = revisions.current_revision(article)
    client.force_login(editor)
    url = reverse("admin:blog_article_compare", args=[article.pk])
    page = client.get(url, {"from": first.number, "to": second.number}).content.decode()
    assert "Gewijzigd in wat de medische beoordeling dekt: titel, intro" in page


def test_the_workflow_panel_names_the_changed_parts(article, admin_client):
    _save(article, lead="Een andere inleiding.")
    page = admin_client.get(reverse("admin:blog_article_change", args=[article.pk]))
    assert "Gewijzigd sinds de beoordeling: intro" in page.content.decode()


def test_approving_a_stale_version_names_what_changed(article):
    seen = revisions.current_revision(article)
    _save(article, lead="Een andere inleiding.")
    with pytest.raises(ValidationError) as refused:
        review.approve(article, by=make_reviewer(), revision=seen)
    assert "daarna gewijzigd" in refused.value.messages[0]
    assert ": intro." in refused.value.messages[0]


# What does not stale the review -----------------------------------------------------------

NOT_REVIEWED = [
    ("re-render", lambda a: Article.objects.filter(pk=a.pk).update(body_html="<p>anders</p>")),
    ("save without edits", lambda a: Article.objects.get(pk=a.pk).save()),
    ("re-review date", lambda a: _save(a, review_due=datetime.date(2030, 1, 1))),
    ("dates", lambda a: Article.objects.filter(pk=a.pk).update(updated_at=timezone.now())),
    ("comments closed", lambda a: _save(a, comments_open=False, experiences_open=False)),
    ("author's name", lambda a: a.authors.update(name="Dr. Nieuwe Naam")),
    ("topic's name", lambda a: Topic.objects.filter(pk=a.topic_id).update(name="Huid")),
    ("tag's name", lambda a: Tag.objects.filter(name="acne").update(name="Acne")),
    ("source's title", lambda a: Source.objects.update(title="Gecorrigeerde titel")),
    ("another approval", lambda a: make_approval(a)),
]


@pytest.mark.parametrize(("name", "change"), NOT_REVIEWED, ids=[c[0] for c in NOT_REVIEWED])
def test_derived_recorded_or_shared_changes_keep_the_review(article, name, change):
    change(article)
    assert _review_problem(article) == []


def test_publishing_keeps_the_review(editor):
    article = make_published_article(by=editor)
    article.publish(by=editor)  # a republish records live columns and dates only
    assert _review_problem(article) == []


def test_a_site_without_required_review_does_not_ask(article, settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "MEDICAL_REVIEW_REQUIRED": False}
    _save(article, lead="Een andere inleiding.")
    assert _review_problem(article) == []


def test_undoing_the_change_restores_the_approval(article):
    lead = article.lead
    _save(article, lead="Een andere inleiding.")
    assert _review_problem(article)
    _save(article, lead=lead)
    assert _review_problem(article) == []


def test_saving_the_admin_form_without_edits_keeps_the_review(article, admin_client):
    # The form round-trips every reviewed input (tags, authors, hero image, inlines).
    response = post_admin_form(admin_client, article_change_url(article), _continue="1")
    assert response.status_code == 302
    assert _review_problem(article) == []
