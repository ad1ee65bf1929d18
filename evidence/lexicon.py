"""The linter's word lists, read from evidence/lexicons/<language>.toml.

An entry is a pattern of words matched against a sentence's tokens, each word
by its lemma or its plain lower-case form, so "verminderen" covers vermindert,
verminderde and verminderd:

- words next to each other must follow each other: "van binnenuit";
- "..." allows up to GAP words in between, for separable verbs and phrases
  that open up: "helpen ... tegen" matches "helpt echt goed tegen"; "...2"
  allows at most two. A match never runs across punctuation (a comma, colon,
  bracket): its words stand in one clause;
- "a|b" is either word, and only that one word: "hoge bloeddruk|suikerziekte" reads
  "hoge bloeddruk" or "hoge suikerziekte", so two phrases are two entries;
- "darm*" is any word starting with "darm", "*huid" any word ending in "huid"
  (Dutch compounds: "hoofdhuid", "darmflora");
- "@condition" is any word of the one-word entries of [terms] condition, and
  "@comparative" any comparative or superlative (evidence.grammar): so
  "minder ...2 @health" reads "minder puistjes", not "minder wil lezen";
- an entry may be a table that adds `unless_before` / `unless_after`: words
  that cancel the match when they stand right before or after it
  ("voorkomen" means "occur" in "kan vaker voorkomen bij"), `unless_near`:
  words that cancel it within NEAR words after it ("beschermt je huid tegen de
  zon" protects from no disease), and `unless_near_before`: words that cancel
  it within GAP words before it, looking back no further than a word of
  [terms] (the verb's object: "die vooral bij vrouwen voorkomt" occurs, "kan
  bij tieners acne voorkomen" prevents), and `unless_before_last`: words
  that cancel it when they stand right before its last word ("het onderzoek
  te vinden" looks for a study; "het onderzoek vond" reports one).

Patterns of the [grammar] section's `verb_groups` start with a verb; they do
not match a verb form used as an adjective before a noun ("een verhoogde
doorlaatbaarheid"; evidence.grammar).

VERSION combines each file's declared version with a hash of its contents, so
stored results made with an older lexicon are recognised as stale even when
someone forgets to raise the number.
"""

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import simplemma

from evidence.grammar import Grammar

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
LANGUAGES = ("nl", "en")
GAP = 6
NEAR = 3
GAP_MARK = re.compile(r"^(?:\.\.\.|…)(\d*)$")
COMPARATIVE = "grammar.comparative"
VERB = "grammar.verb"
INFINITIVE = "grammar.infinitive"
PLURAL_TERM = "grammar.plural_term"
SYNTHETIC = {
    "comparative": COMPARATIVE,
    "verb": VERB,
    "infinitive": INFINITIVE,
    "plural_term": PLURAL_TERM,
}
NOT_PATTERNS = ("sentences", "lemmas", "grammar")
# Words for people are where something occurs ("die vooral bij vrouwen voorkomt"), never the
# object of "voorkomen" that makes it mean "prevent" (Pattern._cancelled_before).
PERSONS = frozenset({"terms.human", "terms.people", "terms.first_person", "terms.referent"})
# Word forms whose reading is kept; a language has far fewer, but reader comments can bring
# any string, so the cache is emptied rather than allowed to grow without end.
WORD_CACHE_SIZE = 100_000


def _group_reference(name):
    return SYNTHETIC.get(name, f"terms.{name}")


@dataclass(frozen=True)
class Word:
    exact: frozenset
    prefixes: tuple
    suffixes: tuple
    groups: frozenset  # "@condition" → "terms.condition"

    @classmethod
    def parse(cls, spec):
        options = spec.lower().split("|")
        words = [o for o in options if not o.startswith("@")]
        return cls(
            exact=frozenset(o for o in words if "*" not in o),
            prefixes=tuple(o[:-1] for o in words if o.endswith("*") and len(o) > 1),
            suffixes=tuple(o[1:] for o in words if o.startswith("*") and len(o) > 1),
            groups=frozenset(_group_reference(o[1:]) for o in options if o.startswith("@")),
        )

    def matches(self, token, member):
        if token.lower in self.exact or token.lemma in self.exact:
            return True
        if self.groups and not self.groups.isdisjoint(member):
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
    unless_near_before: frozenset = frozenset()
    unless_before_last: frozenset = frozenset()
    verb: bool = False  # starts with a verb, which must not be an adjective here

    @classmethod
    def parse(cls, group, entry, verb=False):
        if isinstance(entry, str):
            entry = {"match": entry}
        words, gaps = [], []
        for part in entry["match"].split():
            gap = GAP_MARK.match(part)
            if gap:
                gaps[-1] = int(gap.group(1) or GAP)
                continue
            words.append(Word.parse(part))
            gaps.append(0)

        def cancelling(key):
            return frozenset(w.lower() for w in entry.get(key, ()))

        return cls(
            group=group,
            source=entry["match"],
            words=tuple(words),
            gaps=tuple(gaps[:-1]),
            unless_before=cancelling("unless_before"),
            unless_after=cancelling("unless_after"),
            unless_near=cancelling("unless_near"),
            unless_near_before=cancelling("unless_near_before"),
            unless_before_last=cancelling("unless_before_last"),
            verb=verb,
        )

    def match_at(self, tokens, members, index, grammar):
        """(first, last) token index of a match starting at tokens[index], or None."""
        last = self._rest(tokens, members, index, 1)
        if last is None or self._cancelled(tokens, members, index, last, grammar):
            return None
        if self.verb and grammar.attributive(tokens, index):
            return None
        return index, last

    def _rest(self, tokens, members, position, word_index):
        if word_index == len(self.words):
            return position
        word, gap = self.words[word_index], self.gaps[word_index - 1]
        for candidate in range(position + 1, min(position + gap + 2, len(tokens))):
            if not tokens[candidate - 1].joined:
                break  # a pattern stays within one clause: "die … hebben, is … nodig" is no match
            if word.matches(tokens[candidate], members[candidate]):
                found = self._rest(tokens, members, candidate, word_index + 1)
                if found is not None:
                    return found
        return None

    def _cancelled(self, tokens, members, first, last, grammar):
        before = tokens[first - 1] if first > 0 else None
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        near = tokens[last + 1 : last + 1 + NEAR]
        before_last = tokens[last - 1] if last > first else None
        return bool(
            (before_last and {before_last.lower, before_last.lemma} & self.unless_before_last)
            or (before and {before.lower, before.lemma} & self.unless_before)
            or (after and {after.lower, after.lemma} & self.unless_after)
            or any({t.lower, t.lemma} & self.unless_near for t in near)
            or (self.unless_near_before and self._cancelled_before(tokens, members, first, grammar))
        )

    def _cancelled_before(self, tokens, members, first, grammar):
        for index in range(first - 1, max(first - GAP, 0) - 1, -1):
            token = tokens[index]
            if {token.lower, token.lemma} & self.unless_near_before:
                return True
            if not any(g.startswith("terms.") and g not in PERSONS for g in members[index]):
                continue
            # the verb's object stands between: "bij tieners acne voorkomen"; a word right after a
            # preposition is a place, not the object: "die bij iedereen in de darm voorkomt"
            before = index - 1
            if before > 0 and tokens[before].lower in grammar.determiners:
                before -= 1  # "in de darm"
            return before >= 0 and bool(
                {tokens[before].lower, tokens[before].lemma} & self.unless_near_before
            )
        return False


class Lexicon:
    """Every pattern of one language, indexed by the first word for speed."""

    def __init__(self, language, data, digest):
        self.language = language
        self.version = f"{data['version']}-{digest[:12]}"
        self.abbreviations = frozenset(a.lower() for a in data["sentences"]["abbreviations"])
        self.lemma_fixes = {k.lower(): v.lower() for k, v in data.get("lemmas", {}).items()}
        self.grammar = Grammar.parse(language, data.get("grammar", {}))
        self.patterns = [
            Pattern.parse(
                f"{section}.{name}", entry, f"{section}.{name}" in self.grammar.verb_groups
            )
            for section, groups in data.items()
            if isinstance(groups, dict) and section not in NOT_PATTERNS
            for name, entries in groups.items()
            for entry in entries
        ]
        self._terms = [
            p for p in self.patterns if p.group.startswith("terms.") and len(p.words) == 1
        ]
        self._exact, self._prefix, self._suffix, self._group = {}, {}, {}, {}
        for pattern in self.patterns:
            self._index(pattern)
        self._word_cache = {}
        # The lemma of every word form, separable participles included, worked out once.
        self._lemma_cache = {}
        self._groups_words = {}

    def _index(self, pattern):
        first = pattern.words[0]
        for table, keys in (
            (self._exact, first.exact),
            (self._prefix, first.prefixes),
            (self._suffix, first.suffixes),
            (self._group, first.groups),
        ):
            for key in keys:
                table.setdefault(key, []).append(pattern)

    def words_of(self, group):
        """The single words of a group's one-word entries (e.g. the negations)."""
        found = self._groups_words.get(group)
        if found is None:
            found = self._groups_words[group] = self._words_in(group)
        return found

    def _words_in(self, group):
        return frozenset(
            word
            for pattern in self.patterns
            if pattern.group == group and len(pattern.words) == 1
            for word in pattern.words[0].exact
        )

    def lemma(self, lower):
        found = self._lemma_cache.get(lower)
        if found is None:
            if len(self._lemma_cache) >= WORD_CACHE_SIZE:
                self._lemma_cache.clear()
            found = self._lemma_cache[lower] = self._find_lemma(lower)
        return found

    def _find_lemma(self, lower):
        fixed = self.lemma_fixes.get(lower)
        if fixed is not None:
            return fixed
        found = _lemma(lower, self.language)
        return found if found != lower else self._separable_participle(lower)

    def _separable_participle(self, lower):
        """Dutch: simplemma does not know "afgebroken" or "opgenomen"; read them as the particle
        and the participle (af + gebroken → afbreken)."""
        for particle in self.grammar.separable_particles:
            if lower.startswith(particle + "ge") and len(lower) > len(particle) + 4:
                inner = lower[len(particle) :]
                found = _lemma(inner, self.language)
                if found != inner:
                    return particle + found
        return lower

    def reading(self, token):
        """(groups the word belongs to, patterns that may start at it); the same for every
        occurrence of a word form, so it is worked out once per form."""
        key = (token.lower, token.lemma)
        found = self._word_cache.get(key)
        if found is None:
            if len(self._word_cache) >= WORD_CACHE_SIZE:
                self._word_cache.clear()
            member = self._member(token)
            found = self._word_cache[key] = (member, self._candidates(token, member))
        return found

    def _member(self, token):
        groups = {p.group for p in self._terms if p.words[0].matches(token, frozenset())}
        if self.grammar.comparative(token.lower, token.lemma):
            groups.add(COMPARATIVE)
        if not groups and self.grammar.content_verb(token.lower, token.lemma):
            groups.add(VERB)
        if not groups and self.grammar.content_infinitive(token.lower, token.lemma):
            groups.add(INFINITIVE)
        if groups and self.grammar.plural(token.lower, token.lemma):
            groups.add(PLURAL_TERM)  # a plural word of [terms]: a subject a plural verb can follow
        return frozenset(groups)

    def _candidates(self, token, member):
        found = list(self._exact.get(token.lower, ()))
        if token.lemma != token.lower:
            found += self._exact.get(token.lemma, ())
        word = token.lower
        for size in range(2, len(word) + 1):
            found += self._prefix.get(word[:size], ())
            found += self._suffix.get(word[-size:], ())
        for group in member:
            found += self._group.get(group, ())
        return tuple(dict.fromkeys(found))


@cache
def _lemma(lower, language):
    # simplemma writes some separable verbs with a joint: "opgelost" → "op_lossen"
    return simplemma.lemmatize(lower, lang=language).lower().replace("_", "")


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
