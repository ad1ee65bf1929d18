"""Rendering is bounded for any input up to the body limit, article bodies and comments alike.

The families below are generated at several sizes. None may keep a worker busy for long:
each is either refused before rendering with a sentence the editor can act on, or rendered
under the hard time limit (settings.GUTCHECK["RENDER_SECONDS"] plus an allowance per 1,000
characters; 0.3 s + 0.005 s here, 1.3 s for 200,000 characters, to keep the suite quick). The watchdog stands in for gunicorn's 30 s worker timeout, which killed the worker
and gave the editor a 500.
"""

import threading

import pytest
from django.urls import reverse

from blog import rendering
from blog.deadline import DeadlineExceeded
from blog.models import Article
from tests.factories import comment_post_data, make_author, make_published_article

WATCHDOG_SECONDS = 30
SIZES = [2_000, 20_000, 200_000]


def _repeat(unit, size):
    return (unit * (size // len(unit) + 1))[:size]


def _link_references(size):
    definitions = "".join(f"[r{n}]: https://example.org/bron/{n}\n" for n in range(size // 60))
    uses = "".join(f"Zie [bron {n}][r{n}]. " for n in range(size // 60))
    return (definitions + "\n" + uses)[:size]


def _deep_list(size):
    lines, depth = [], 0
    while sum(map(len, lines)) < size:
        lines.append("    " * depth + "- punt\n")
        depth += 1
    return "".join(lines)[:size]


FAMILIES = {
    "nested_html": lambda n: _repeat("<div>", n),
    "html_blocks": lambda n: _repeat("<div>\n<p>tekst\n", n),
    "nested_quotes": lambda n: _repeat(">", n - 2) + " x",
    "deep_lists": _deep_list,
    "bracket_runs": lambda n: _repeat("[", n),
    "image_bracket_runs": lambda n: _repeat("![", n),
    "link_openers": lambda n: _repeat("[a](", n),
    "emphasis_runs": lambda n: _repeat("**a*", n),
    "underscore_runs": lambda n: _repeat("_a", n),
    "code_span_runs": lambda n: _repeat("`a", n),
    "entity_runs": lambda n: _repeat("&", n),
    "angle_runs": lambda n: _repeat("<", n),
    "link_reference_lists": _link_references,
}
EDITOR_PROBLEMS = {"too_deep", "open_brackets", "too_complex", "image_without_alt"}


def _within_watchdog(function, *args):
    outcome = {}
    worker = threading.Thread(
        target=lambda: outcome.setdefault("value", function(*args)), daemon=True
    )
    worker.start()
    worker.join(WATCHDOG_SECONDS)
    assert not worker.is_alive(), f"{function.__name__} ran longer than {WATCHDOG_SECONDS} s"
    return outcome["value"]


@pytest.fixture(autouse=True)
def _tight_limit(settings):
    settings.GUTCHECK = {
        **settings.GUTCHECK,
        "RENDER_SECONDS": 0.3,
        "RENDER_SECONDS_PER_1000_CHARS": 0.005,
    }


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("family", FAMILIES)
def test_the_editor_check_finishes_and_names_a_problem_or_accepts(family, size):
    text = FAMILIES[family](size)
    assert len(text) <= 200_000
    problems = _within_watchdog(rendering.source_problems, text)
    assert {code for code, _params in problems} <= EDITOR_PROBLEMS


@pytest.mark.parametrize("family", ["code_span_runs", "bracket_runs"])
def test_saving_through_the_orm_finishes_and_stores_the_text_escaped(db, family):
    body = FAMILIES[family](200_000) + "<script>alert(1)</script>"
    article = Article.objects.create(title="Zwaar", slug=f"zwaar-{family}", lead="x", body=body)
    assert article.body_html.startswith("<pre>")  # too slow to render: kept, escaped
    assert "&lt;script&gt;" in article.body_html


def test_nesting_up_to_the_limit_renders_and_beyond_it_names_the_line():
    limit = rendering.MAX_NESTING
    fine = "Intro\n\n" + "<div>" * limit + "tekst" + "</div>" * limit
    assert rendering.structure_problem(fine) is None
    too_deep = "Intro\n\n" + "> " * (limit + 1) + "citaat"
    assert rendering.structure_problem(too_deep) == (
        "too_deep",
        {"kind": "quote", "line": 3, "limit": limit},
    )


def test_open_brackets_count_per_paragraph_and_markers_are_balanced():
    limit = rendering.MAX_OPEN_BRACKETS
    markers = " ".join(f"Zin [[claim:c{n}]]." for n in range(200))
    assert rendering.structure_problem(markers) is None
    separate_paragraphs = "\n\n".join(["[" * limit] * 5)
    assert rendering.structure_problem(separate_paragraphs) is None
    assert rendering.structure_problem("Tekst\n" + "[" * (limit + 1)) == (
        "open_brackets",
        {"line": 2, "limit": limit},
    )
    assert rendering.structure_problem("\\[" * 500) is None  # escaped brackets are text


def test_a_long_ordinary_article_is_accepted_whole(settings):
    settings.GUTCHECK = {
        **settings.GUTCHECK,
        "RENDER_SECONDS": 1,
        "RENDER_SECONDS_PER_1000_CHARS": 0.025,
    }
    section = (
        "## Vezels en darmbacteriën\n\nVezels voeden de bacteriën in je dikke darm [1]. "
        "Zie ook [het voedingscentrum](https://example.org/vezels) en *haver* of **rogge**.\n\n"
        "- volkoren brood\n- peulvruchten\n    - linzen\n\n> Een citaat uit een studie.\n\n"
        "| soort | gram |\n|---|---|\n| haver | 10 |\n\n"
    )
    text = _repeat(section, 199_000)
    assert rendering.source_problems(text) == []
    assert rendering.render_markdown(text).count("<h2") > 500


@pytest.mark.django_db
def test_the_admin_refuses_a_bracket_run_with_a_field_error_and_keeps_the_text(client, editor):
    client.force_login(editor)
    body = "Inleiding.\n\n" + "[" * 5000
    response = client.post(
        reverse("admin:blog_article_add"),
        {
            "title": "Haken",
            "slug": "haken",
            "language": "nl",
            "lead": "Intro.",
            "body": body,
            "authors": [make_author().pk],
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
            "attached_disclaimers-TOTAL_FORMS": "0",
            "attached_disclaimers-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Regel 3 opent meer dan 20 vierkante haken" in page
    assert body[-100:] in page  # what the editor typed is still in the form
    assert not Article.objects.filter(slug="haken").exists()


@pytest.mark.django_db
def test_the_admin_refuses_input_that_overruns_the_time_limit(client, editor, settings):
    settings.GUTCHECK = {**settings.GUTCHECK, "RENDER_SECONDS_PER_1000_CHARS": 0.002}
    client.force_login(editor)
    response = client.post(
        reverse("admin:blog_article_add"),
        {
            "title": "Sterren",
            "slug": "sterren",
            "language": "nl",
            "lead": "Intro.",
            "body": FAMILIES["emphasis_runs"](200_000),
            "authors": [make_author().pk],
        },
    )
    assert response.status_code == 200
    assert "duurde langer dan 0.7 seconden" in response.content.decode()
    assert not Article.objects.filter(slug="sterren").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("family", ["entity_runs", "angle_runs", "bracket_runs", "link_openers"])
def test_a_pathological_comment_is_stored_and_the_page_still_answers(client, family):
    article = make_published_article()
    data = comment_post_data(article, body=FAMILIES[family](5000))
    response = client.post(reverse("comments:post", args=[article.slug]), data)
    assert response.status_code == 302
    assert article.comments.count() == 1


def test_a_comment_whose_linking_overruns_is_stored_without_links(monkeypatch):
    def overrun(*args, **kwargs):
        raise DeadlineExceeded

    monkeypatch.setattr(rendering, "call_with_deadline", overrun)
    html = rendering.render_plain_text("Zie https://example.org/studie <b>nu</b>")
    assert html == "<p>Zie https://example.org/studie &lt;b&gt;nu&lt;/b&gt;</p>"


def test_the_time_limit_grows_with_the_length_of_the_text(settings):
    settings.GUTCHECK = {
        **settings.GUTCHECK,
        "RENDER_SECONDS": 1,
        "RENDER_SECONDS_PER_1000_CHARS": 0.025,
    }
    assert rendering.render_seconds("x" * 1000) == 1.0
    assert rendering.render_seconds("x" * 200_000) == 6.0
