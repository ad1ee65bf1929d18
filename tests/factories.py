"""Small builders for tests: make_x(**kwargs) with sensible defaults."""

import itertools

from django.contrib.auth.models import Group, Permission, User

from blog.models import Article, Author, Topic

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


def make_ready(article):
    """Whatever the gate needs beyond the article itself (reviews, disclaimers…)."""
    return article
