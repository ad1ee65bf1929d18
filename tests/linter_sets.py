"""Reading the linter's evaluation sets (tests/linter_sets/) into texts and expected labels."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "linter_sets"
LANGUAGE_IN_NAME = re.compile(r"(?:^|[_-])(nl|en)(?:[_-]|$)")


@dataclass(frozen=True)
class Labelled:
    text: str  # the sentence as it stands in `paragraph`
    start: int
    labels: frozenset
    paragraph: str


def _labels(spec):
    return frozenset(spec.split("+")) if spec else frozenset()


def development():
    """{language: [(text, labels)]} and the levels of the marked claims."""
    with open(HERE / "development.toml", "rb") as handle:
        data = tomllib.load(handle)
    rows = {lang: [(text, _labels(spec)) for text, spec in data[lang]] for lang in ("nl", "en")}
    return rows, data["levels"]


def heldout_paths():
    """Every held-out set: each tests/linter_sets/heldout*.toml file, by name."""
    return sorted(HERE.glob("heldout*.toml"))


def heldout_language(path, data=None):
    """A set's language: its `language` key, else `_nl`/`_en` in the file name, else Dutch."""
    if data and data.get("language") in ("nl", "en"):
        return data["language"]
    found = LANGUAGE_IN_NAME.search(path.stem.lower())
    return found.group(1) if found else "nl"


def _paragraph(pairs):
    """Markdown for one held-out paragraph, and where each labelled sentence starts in it."""
    text, starts = "", []
    for sentence, _spec in pairs:
        if sentence.startswith("## "):
            text += ("\n\n" if text else "") + sentence + "\n\n"
            starts.append(len(text) - 2 - len(sentence) + 3)
        elif sentence.startswith("- "):
            text += ("" if not text or text.endswith("\n") else "\n\n") + sentence + "\n"
            starts.append(len(text) - 1 - len(sentence) + 2)
        else:
            text += "" if not text or text.endswith("\n") else " "
            starts.append(len(text))
            text += sentence
    return text, starts


def read_heldout(path):
    """(language, paragraphs) of one held-out file; each paragraph a list of Labelled sentences."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    paragraphs = []
    for item in data["paragraph"]:
        text, starts = _paragraph(item["s"])
        paragraphs.append(
            [
                Labelled(
                    sentence.removeprefix("## ").removeprefix("- "), start, _labels(spec), text
                )
                for (sentence, spec), start in zip(item["s"], starts, strict=True)
            ]
        )
    return heldout_language(path, data), paragraphs
