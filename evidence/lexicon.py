"""The linter's word lists, read from evidence/lexicons/<language>.toml.

An entry is a pattern of words matched against a sentence's tokens, each word
by its lemma or its plain lower-case form, so "verminderen" covers vermindert,
verminderde and verminderd:

- words next to each other must follow each other: "van binnenuit";
- "..." allows up to GAP words in between, for separable verbs and phrases
  that open up: "helpen ... tegen" matches "helpt echt goed tegen";
- "a|b" is either word; "darm*" any word starting with "darm", "*huid" any
  word ending in "huid" (Dutch compounds: "hoofdhuid", "darmflora");
- an entry may be a table that adds `unless_before` / `unless_after`: words
  that cancel the match when they stand right before or after it
  ("voorkomen" means "occur" in "kan vaker voorkomen bij"), and
  `unless_near`: words that cancel it within NEAR words after it
  ("beschermt je huid tegen de zon" protects from no disease).

VERSION combines each file's declared version with a hash of its contents, so
stored results made with an older lexicon are recognised as stale even when
someone forgets to raise the number.
"""

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import simplemma

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
LANGUAGES = ("nl", "en")
GAP = 6
NEAR = 3


@dataclass(frozen=True)
class Word:
    exact: frozenset
    prefixes: tuple
    suffixes: tuple

    @classmethod
    def parse(cls, spec):
        options = spec.lower().split("|")
        return cls(
            exact=frozenset(o for o in options if "*" not in o),
            prefixes=tuple(o[:-1] for o in options if o.endswith("*") and len(o) > 1),
            suffixes=tuple(o[1:] for o in options if o.startswith("*") and len(o) > 1),
        )

    def matches(self, token):
        if token.lower in self.exact or token.lemma in self.exact:
            return True
        return token.lower.startswith(self.prefixes) or token.lower.endswith(self.suffixes)


@dataclass(frozen=True)
class Pattern:
    group: str
    source: str
    words: tuple  # Word
    gaps: tuple  # how many tokens may stand between word i and word i + 1
    unless_before: frozenset = frozenset()
    unless_after: frozenset = frozenset()
    unless_near: frozenset = frozenset()

    @classmethod
    def parse(cls, group, entry):
        if isinstance(entry, str):
            entry = {"match": entry}
        words, gaps = [], []
        for part in entry["match"].split():
            if part in ("...", "…"):
                gaps[-1] = GAP
                continue
            words.append(Word.parse(part))
            gaps.append(0)
        return cls(
            group=group,
            source=entry["match"],
            words=tuple(words),
            gaps=tuple(gaps[:-1]),
            unless_before=frozenset(w.lower() for w in entry.get("unless_before", ())),
            unless_after=frozenset(w.lower() for w in entry.get("unless_after", ())),
            unless_near=frozenset(w.lower() for w in entry.get("unless_near", ())),
        )

    def match_at(self, tokens, index):
        """(first, last) token index of a match starting at tokens[index], or None."""
        last = self._rest(tokens, index, 1)
        if last is None or self._cancelled(tokens, index, last):
            return None
        return index, last

    def _rest(self, tokens, position, word_index):
        if word_index == len(self.words):
            return position
        word, gap = self.words[word_index], self.gaps[word_index - 1]
        for candidate in range(position + 1, min(position + gap + 2, len(tokens))):
            if word.matches(tokens[candidate]):
                found = self._rest(tokens, candidate, word_index + 1)
                if found is not None:
                    return found
        return None

    def _cancelled(self, tokens, first, last):
        before = tokens[first - 1] if first > 0 else None
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        near = tokens[last + 1 : last + 1 + NEAR]
        return bool(
            (before and {before.lower, before.lemma} & self.unless_before)
            or (after and {after.lower, after.lemma} & self.unless_after)
            or any({t.lower, t.lemma} & self.unless_near for t in near)
        )


class Lexicon:
    """Every pattern of one language, indexed by the first word for speed."""

    def __init__(self, language, data, digest):
        self.language = language
        self.version = f"{data['version']}-{digest[:12]}"
        self.abbreviations = frozenset(a.lower() for a in data["sentences"]["abbreviations"])
        self.lemma_fixes = {k.lower(): v.lower() for k, v in data.get("lemmas", {}).items()}
        self.patterns = [
            Pattern.parse(f"{section}.{name}", entry)
            for section, groups in data.items()
            if isinstance(groups, dict) and section not in ("sentences", "lemmas")
            for name, entries in groups.items()
            for entry in entries
        ]
        self._exact, self._prefix, self._suffix = {}, {}, {}
        for pattern in self.patterns:
            first = pattern.words[0]
            for key in first.exact:
                self._exact.setdefault(key, []).append(pattern)
            for key in first.prefixes:
                self._prefix.setdefault(key, []).append(pattern)
            for key in first.suffixes:
                self._suffix.setdefault(key, []).append(pattern)

    def words_of(self, group):
        """The single words of a group's one-word entries (e.g. the negations)."""
        return frozenset(
            word
            for pattern in self.patterns
            if pattern.group == group and len(pattern.words) == 1
            for word in pattern.words[0].exact
        )

    def lemma(self, lower):
        fixed = self.lemma_fixes.get(lower)
        return fixed if fixed is not None else _lemma(lower, self.language)

    def candidates(self, token):
        """Patterns whose first word may match this token."""
        found = list(self._exact.get(token.lower, ()))
        if token.lemma != token.lower:
            found += self._exact.get(token.lemma, ())
        word = token.lower
        for size in range(2, len(word) + 1):
            found += self._prefix.get(word[:size], ())
            found += self._suffix.get(word[-size:], ())
        return found


@cache
def _lemma(lower, language):
    return simplemma.lemmatize(lower, lang=language).lower()


def _path(language):
    if language not in LANGUAGES:
        raise ValueError(f"No lexicon for language {language!r}; choose one of {LANGUAGES}.")
    return LEXICON_DIR / f"{language}.toml"


@cache
def load(language):
    raw = _path(language).read_bytes()
    return Lexicon(language, tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest())


def version(language):
    return load(language).version
