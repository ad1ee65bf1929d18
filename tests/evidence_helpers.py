"""Helpers for the evidence tests: post an admin form the way a browser would."""

from html.parser import HTMLParser

from django.urls import reverse


class _FormFields(HTMLParser):
    """Collects what a browser would submit from the page's main form (no buttons)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = {}
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_data(html):
    parser = _FormFields()
    parser.feed(html)
    # Textareas start with a newline that browsers drop.
    return {name: [v.removeprefix("\n") for v in values] for name, values in parser.data.items()}


def post_admin_form(client, url, changes=None, **buttons):
    """GET the admin form, apply changes ({name: value}), POST it with the given buttons."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data = form_data(page.content.decode())
    for name, value in (changes or {}).items():
        data[name] = value if isinstance(value, list) else [value]
    data.update({name: [value] for name, value in buttons.items()})
    return client.post(url, data)


def article_change_url(article):
    return reverse("admin:blog_article_change", args=[article.pk])
