"""Reading the demo content files. Everything here is plain data, no database."""

import tomllib
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name):
    with open(HERE / name, "rb") as handle:
        return tomllib.load(handle)


@cache
def people():
    return _load("people.toml")


def topics():
    return people()["topics"]


def authors():
    return people()["authors"]


def users():
    return people()["users"]


def workflow_texts():
    return people()["workflow"]


@cache
def sources():
    return _load("sources.toml")["sources"]


@cache
def articles():
    """Article specs in file order (the order the tour and the home page follow)."""
    return [_load(path.relative_to(HERE)) for path in sorted((HERE / "articles").glob("*.toml"))]
