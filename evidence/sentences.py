"""Markdown article bodies → sentences with code-point offsets into the original text.

The linter must report each sentence exactly as it stands in the input
(text[start:end] == sentence), so nothing here rewrites the text. Instead a
*masked* copy of the same length replaces Markdown syntax, claim markers and
link targets with spaces; syntok splits the masked copy and its token offsets
are offsets into the original. Headings, list items, table cells and
blockquotes are blocks of their own, so a heading never runs into the sentence
below it; fenced code is skipped.

syntok splits most Dutch abbreviations correctly ("o.a.", "d.w.z.", "et al.");
the lexicon's `abbreviations` list repairs the splits it gets wrong ("blz. 14"),
and a sentence that opens with a number after a word's full stop is split off
("… spoelt afvalstoffen weg. 100% natuurlijk!"), which syntok leaves joined.
"""

import re
from dataclasses import dataclass

from syntok import segmenter
from syntok.tokenizer import Tokenizer

from evidence.markers import MARKER


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    kind: str  # "heading", "paragraph", "item", "quote" or "cell"
    markers: tuple  # keys of the claim markers in (or right after) the sentence


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    kind: str


FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
CALLOUT = re.compile(r"^\s{0,3}!!!\s*\S")
ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
QUOTE = re.compile(r"^\s*>\s?")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
TABLE_ROW = re.compile(r"^\s*\|")

# Inline syntax masked before splitting: images, link targets, emphasis, code ticks, HTML.
IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
INLINE_SYNTAX = re.compile(r"\*\*|__|[*`\[]|<[^>\n]{1,200}>")
HEADING_HASHES = re.compile(r"\s#+\s*$")
QUOTE_PREFIX = re.compile(r"(?m)^\s*>\s?")
# A full stop, ! or ? after a word, then a number that opens the next sentence.
NUMBER_AFTER_STOP = re.compile(r"(?<=[^\W\d_])([.!?])\s+(?=\d)")

_tokenizer = Tokenizer()


def mask(text):
    """A same-length copy of the text with markup, links and markers replaced by spaces."""
    chars = list(text)
    for pattern in (MARKER, IMAGE, LINK_TARGET, INLINE_SYNTAX):
        for match in pattern.finditer(text):
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def _lines(text):
    """(start, end) of every line, without its line break."""
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield position, position + len(stripped)
        position += len(line)


def blocks(text):
    """The prose blocks of a Markdown text, in order."""
    found, paragraph, fenced = [], None, False
    for start, end in _lines(text):
        line = text[start:end]
        if FENCE.match(line):
            fenced, paragraph = not fenced, None
            continue
        if fenced or not line.strip() or CALLOUT.match(line) or TABLE_RULE.match(line):
            paragraph = None
            continue
        kind, offset = _line_kind(line)
        if kind == "cell":
            found.extend(_cells(text, start, end))
            paragraph = None
        elif kind in ("heading", "item") or not _continues(paragraph, kind):
            paragraph = Block(start + offset, end, kind)
            found.append(paragraph)
            if kind == "heading":
                paragraph = None
        else:  # a continuation line joins the block above
            paragraph = Block(paragraph.start, end, paragraph.kind)
            found[-1] = paragraph
    return found


def _continues(block, kind):
    """Whether a line of this kind belongs to the block above (lazy list and quote lines)."""
    if block is None:
        return False
    return block.kind == kind or (block.kind == "item" and kind == "paragraph")


def _line_kind(line):
    for pattern, kind in ((HEADING, "heading"), (ITEM, "item"), (QUOTE, "quote")):
        match = pattern.match(line)
        if match:
            return kind, match.end()
    if TABLE_ROW.match(line):
        return "cell", 0
    return "paragraph", len(line) - len(line.lstrip())


def _cells(text, start, end):
    position = start
    for part in text[start:end].split("|"):
        stripped = part.strip()
        if stripped:
            offset = position + part.index(stripped)
            yield Block(offset, offset + len(stripped), "cell")
        position += len(part) + 1


def split(text, abbreviations=frozenset()):
    """Every sentence of a Markdown text, with its claim markers."""
    masked = mask(text)
    masked = QUOTE_PREFIX.sub(lambda m: " " * len(m.group(0)), masked)
    markers = [(m.start(), m.group(1)) for m in MARKER.finditer(text)]
    sentences = []
    for block in blocks(text):
        region = masked[block.start : block.end]
        if block.kind == "heading":
            region = HEADING_HASHES.sub(lambda m: " " * len(m.group(0)), region)
        spans = _split_before_numbers(_spans(region, block.start), masked, abbreviations)
        spans = _merge_abbreviations(spans, masked, abbreviations)
        sentences.extend(_with_markers(spans, block, markers))
    return sentences


def _spans(region, base):
    spans = []
    for sentence in segmenter.split(_tokenizer.tokenize(region)):
        tokens = [token for token in sentence if token.value]  # syntok ends with an empty token
        if tokens:
            last = tokens[-1]
            spans.append([base + tokens[0].offset, base + last.offset + len(last.value)])
    return spans


def _split_before_numbers(spans, masked, abbreviations):
    """Split "… weg. 100% natuurlijk!" in two, unless the word before is an abbreviation."""
    result = []
    for start, end in spans:
        for match in NUMBER_AFTER_STOP.finditer(masked, start, end):
            if _ends_with_abbreviation(masked[start : match.end(1)], abbreviations):
                continue
            result.append([start, match.end(1)])
            start = match.end()
        result.append([start, end])
    return result


def _merge_abbreviations(spans, masked, abbreviations):
    """Undo splits right after an abbreviation syntok did not know ("blz. 14")."""
    merged = []
    for span in spans:
        if merged and _ends_with_abbreviation(masked[merged[-1][0] : merged[-1][1]], abbreviations):
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    return merged


def _ends_with_abbreviation(sentence, abbreviations):
    words = sentence.split()
    return bool(words) and words[-1].lower() in abbreviations


def _with_markers(spans, block, markers):
    """A marker belongs to the sentence it stands in, or else to the sentence before it."""
    inside = [(position, key) for position, key in markers if block.start <= position < block.end]
    result = []
    for index, (start, end) in enumerate(spans):
        next_start = spans[index + 1][0] if index + 1 < len(spans) else block.end
        keys = tuple(key for position, key in inside if start <= position < max(end, next_start))
        if index == 0:
            keys = tuple(key for position, key in inside if position < start) + keys
        result.append(Sentence(start, end, block.kind, tuple(dict.fromkeys(keys))))
    return result
