"""Small builders for tests: make_x(**kwargs) with sensible defaults."""

import itertools
import time
from unittest import mock

from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

from blog.models import Article, Author, Topic
from blog.workflow import review, revisions
from comments.antispam import issue_form_token
from comments.models import Comment
from evidence.assessment import attach_required
from evidence.models import Citation, Claim, Source

_seq = itertools.count(1)


def make_user(username=None, **kwargs):
    username = username or f"user{next(_seq)}"
    kwargs.setdefault("email", f"{username}@example.test")
    password = kwargs.pop("password", "correct-horse-battery")
    user = User.objects.create_user(username=username, password=password, **kwargs)
    return user


def make_staff(username=None, *, groups=(), perms=(), **kwargs):
    user = make_user(username, is_staff=True, **kwargs)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    for dotted in perms:
        app_label, codename = dotted.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)  # fresh permission cache


def make_author(**kwargs):
    n = next(_seq)
    kwargs.setdefault("name", f"Auteur {n}")
    kwargs.setdefault("slug", f"auteur-{n}")
    kwargs.setdefault("credentials", "diëtist")
    return Author.objects.create(**kwargs)


def make_topic(**kwargs):
    n = next(_seq)
    kwargs.setdefault("name", f"Onderwerp {n}")
    kwargs.setdefault("slug", f"onderwerp-{n}")
    return Topic.objects.create(**kwargs)


def make_article(*, authors=None, tags=(), **kwargs):
    n = next(_seq)
    kwargs.setdefault("title", f"Artikel {n}")
    kwargs.setdefault("slug", f"artikel-{n}")
    kwargs.setdefault("lead", "Een korte inleiding.")
    kwargs.setdefault("body", "Gewone tekst zonder claims.")
    article = Article.objects.create(**kwargs)
    article.authors.set(authors if authors is not None else [make_author()])
    if tags:
        article.tags.add(*tags)
    return article


def make_published_article(*, by=None, **kwargs):
    """An article that passes the gate, published through publish()."""
    article = make_article(**kwargs)
    make_ready(article)
    article.publish(by=by)
    return article


def publish_as_of(article, at, *, by=None):
    """publish() as if it ran at `at`: an edition's dates are when publish() wrote it."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        article.publish(by=by)
    return article


def make_ready(article):
    """Whatever the gate needs beyond the article itself (reviews, disclaimers…)."""
    _cover_claims(article)
    _attach_required_disclaimers(article)
    make_approval(article)  # keep last: the review must cover what the lines above add
    return article


def make_reviewer(username=None, **kwargs):
    """A medical reviewer: staff with the review permission (group-independent)."""
    kwargs.setdefault("perms", ["blog.review_article", "blog.view_article"])
    return make_staff(username, **kwargs)


def make_approval(article, *, by=None, comment=""):
    """An approved medical review bound to the article's current revision."""
    return review.approve(
        article,
        by=by or make_reviewer(),
        comment=comment,
        revision=revisions.current_revision(article),
    )


def make_source(**kwargs):
    """A human RCT (moderate) with a unique DOI unless told otherwise."""
    n = next(_seq)
    kwargs.setdefault("title", f"Studie {n}")
    kwargs.setdefault("authors", "Jansen A, de Vries B")
    kwargs.setdefault("journal", "Tijdschrift voor Proeven")
    kwargs.setdefault("year", 2020)
    kwargs.setdefault("doi", f"10.5555/test.{n}")
    kwargs.setdefault("design", Source.Design.RCT)
    return Source.objects.create(**kwargs)


def make_claim(article, *, key=None, **kwargs):
    """A claim on the article; mark it in the body yourself ([[claim:key]])."""
    kwargs.setdefault("statement", "Probiotica verminderen acne.")
    kwargs.setdefault("category", Claim.Category.EFFICACY)
    return Claim.objects.create(article=article, key=key or f"claim-{next(_seq)}", **kwargs)


def make_citation(claim, source=None, **kwargs):
    return Citation.objects.create(claim=claim, source=source or make_source(), **kwargs)


def _cover_claims(article):
    """Give every claim that the gate would call uncovered a supporting RCT."""
    for claim in article.claims.prefetch_related("citations__source"):
        if not claim.is_covered():
            make_citation(claim)


def _attach_required_disclaimers(article):
    attach_required(article)


def make_comment(article=None, *, status="pending", by=None, **kwargs):
    """A reader contribution stored directly (no anti-spam), moved to `status` by its transition."""
    n = next(_seq)
    kwargs.setdefault("name", f"Lezer {n}")
    kwargs.setdefault("body", f"Een vraag van lezer {n}.")
    if kwargs.get("kind") == Comment.Kind.EXPERIENCE:
        kwargs.setdefault("condition", "eczeem")
        kwargs.setdefault("tried", "kefir")
        kwargs.setdefault("tried_type", Comment.TriedType.FOOD)
        kwargs.setdefault("duration", "6 weken")
        kwargs.setdefault("outcome", Comment.Outcome.BETTER)
        kwargs.setdefault("consent_at", timezone.now())
        kwargs.setdefault("consent_version", "test")
    comment = Comment.objects.create(article=article or make_published_article(), **kwargs)
    if status == "approved":
        comment.approve(by=by)
    elif status == "rejected":
        comment.reject(by=by, reason="Testreden")
    elif status == "spam":
        comment.mark_spam(by=by)
    elif status == "withdrawn":
        comment.withdraw()
    return comment


def comment_post_data(article, **overrides):
    """A complete, valid POST for the comment form, as if the form was opened a minute ago."""
    data = {
        "kind": "comment",
        "name": "Sanne",
        "email": "",
        "body": f"Helpt dit ook bij volwassenen? ({next(_seq)})",
        "started": issue_form_token(article, issued_at=time.time() - 60),
        "website": "",
    }
    if overrides.get("kind") == "experience":
        data.update(
            condition="eczeem",
            tried="kefir bij het ontbijt",
            tried_type="food",
            duration="6 weken",
            outcome="better",
            consent="on",
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_comment(client, article, data, **extra):
    """POST the comment form as a browser would: a refused post answers 303 and the browser
    then GETs the form page showing that attempt (POST/redirect/GET); that page is returned.
    A stored item's 302 to its private page is returned as is."""
    url = reverse("comments:post", kwargs={"slug": article.slug})
    response = client.post(url, data, **extra)
    if response.status_code == 303:
        response = client.get(response["Location"], **extra)
    return response
