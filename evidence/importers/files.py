"""BibTeX, RIS and CSL-JSON files → records, each invalid one with the reason.

The parsing is the libraries' (bibtexparser 2, rispy, json + jsonschema); this
module decodes the upload, refuses what it cannot read with one sentence, and
maps each format's fields onto a Record.
"""

import codecs
import json
from functools import cache
from pathlib import Path

import bibtexparser
import jsonschema
import rispy
from bibtexparser import middlewares
from bibtexparser.model import DuplicateBlockKeyBlock
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .proposals import propose
from .records import Record, format_authors, year_from

BIBTEX, RIS, CSL_JSON = "bibtex", "ris", "csl-json"
EXTENSIONS = {".bib": BIBTEX, ".bibtex": BIBTEX, ".ris": RIS, ".json": CSL_JSON}
RIS_START = "TY  - "


class FileError(Exception):
    """The whole file cannot be read; str(error) says why and what to do."""


def parse_file(name, data):
    """[(record, reason)] for every record in the file; reason is '' when it parsed."""
    limit = settings.SOURCE_IMPORT["MAX_FILE_BYTES"]
    if len(data) > limit:
        raise FileError(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    text = decode(data)
    parsed = PARSERS[detect_format(name, text)](text)
    if not parsed:
        raise FileError(_("The file contains no records."))
    most = settings.SOURCE_IMPORT["MAX_RECORDS"]
    if len(parsed) > most:
        raise FileError(
            _("The file holds %(count)d records; at most %(max)d can be imported at once.")
            % {"count": len(parsed), "max": most}
        )
    return parsed


def decode(data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileError(
            _(
                "The file is not UTF-8 text (byte %(position)d cannot be read). Export it again as UTF-8; Zotero, EndNote and Mendeley offer that when exporting."
            )
            % {"position": error.start}
        ) from error


def detect_format(name, text):
    by_name = EXTENSIONS.get(Path(name or "").suffix.lower())
    if by_name:
        return by_name
    start = text.lstrip()[:1]
    if start in "[{" and start:
        return CSL_JSON
    if text.lstrip().startswith(RIS_START) or f"\n{RIS_START}" in text:
        return RIS
    if start == "@" or "\n@" in text:
        return BIBTEX
    raise FileError(_("This is not a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) file."))


# BibTeX ----------------------------------------------------------------------


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    parsed = [(entry.start_line, _bibtex_record(entry), "") for entry in library.entries]
    for block in library.failed_blocks:
        origin = _("entry on line %(line)d") % {"line": block.start_line + 1}
        if isinstance(block, DuplicateBlockKeyBlock):
            reason = _("The key “%(key)s” is used twice in this file.") % {"key": block.key}
        else:
            reason = _("This entry is not valid BibTeX (a brace or quote is missing?).")
        parsed.append((block.start_line, Record(origin=origin), reason))
    return [(record, reason) for _line, record, reason in sorted(parsed, key=lambda p: p[0])]


def _bibtex_record(entry):
    fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
    title = str(fields.get("title", ""))
    design, population = propose(
        work_type=entry.entry_type.lower(),
        title=title,
        keywords=_split_keywords(fields.get("keywords", "")),
    )
    pmid = fields.get("pmid") or (
        fields.get("eprint") if str(fields.get("eprinttype", "")).lower() == "pubmed" else ""
    )
    return Record(
        title=title,
        authors=format_authors(_bibtex_names(fields.get("author"))),
        journal=str(
            fields.get("journal")
            or fields.get("journaltitle")
            or fields.get("booktitle")
            or fields.get("publisher")
            or ""
        ),
        year=year_from(fields.get("year") or fields.get("date")),
        doi=str(fields.get("doi", "")),
        pmid=str(pmid or ""),
        pmcid=str(fields.get("pmcid", "")),
        url=str(fields.get("url", "")),
        design=design,
        population=population,
        origin=_("entry “%(key)s” (line %(line)d)")
        % {"key": entry.key, "line": entry.start_line + 1},
    )


def _bibtex_names(names):
    if not isinstance(names, list):
        return []
    return [(" ".join(n.von + n.last), " ".join(n.first)) for n in names if hasattr(n, "last")]


# RIS -------------------------------------------------------------------------


def parse_ris(text):
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith(RIS_START.rstrip())]
    if not starts:
        raise FileError(_("This RIS file has no record: every record starts with “TY  - ”."))
    entries = rispy.loads("\n".join(lines))
    parsed = [(_ris_record(entry, line), "") for entry, line in zip(entries, starts, strict=False)]
    for line in starts[len(entries) :]:
        origin = _("record on line %(line)d") % {"line": line}
        parsed.append((Record(origin=origin), _("The record does not end with “ER  - ”.")))
    return parsed


def _ris_record(entry, line):
    title = entry.get("title") or entry.get("primary_title") or entry.get("translated_title") or ""
    design, population = propose(
        work_type=entry.get("type_of_reference", ""),
        title=title,
        keywords=entry.get("keywords") or [],
    )
    accession = str(entry.get("accession_number", ""))
    urls = entry.get("urls") or []
    return Record(
        title=title,
        authors=format_authors(
            _ris_names(entry.get("authors") or entry.get("first_authors") or [])
        ),
        journal=entry.get("secondary_title")
        or entry.get("journal_name")
        or entry.get("publisher")
        or "",
        year=year_from(entry.get("year") or entry.get("publication_year") or entry.get("date")),
        doi=entry.get("doi", ""),
        pmid=accession if accession.isdigit() else "",
        url=_first_web_link(urls),
        design=design,
        population=population,
        origin=_("record on line %(line)d") % {"line": line},
    )


def _ris_names(names):
    pairs = []
    for name in names:
        family, _comma, given = str(name).partition(",")
        pairs.append((family.strip(), given.strip()))
    return pairs


def _first_web_link(urls):
    """The first http(s) link; otherwise the first one, which the record then drops with a note."""
    for url in urls:
        if str(url).lower().startswith(("http://", "https://")):
            return url
    return urls[0] if urls else ""


# CSL-JSON --------------------------------------------------------------------


@cache
def csl_validator():
    schema = json.loads((Path(__file__).parent / "csl_item.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def parse_csl_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileError(
            _("This is not valid JSON (line %(line)d, column %(column)d: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from error
    items = data if isinstance(data, list) else [data]
    return [_csl_item(item, n) for n, item in enumerate(items, 1)]


def _csl_item(item, n):
    origin = _("item %(n)d") % {"n": n}
    if isinstance(item, dict) and item.get("id") is not None:
        origin = _("item %(n)d (“%(id)s”)") % {"n": n, "id": str(item["id"])[:60]}
    error = jsonschema.exceptions.best_match(csl_validator().iter_errors(item))
    if error is not None:
        return Record(origin=origin), _csl_reason(error)
    return _csl_record(item, origin), ""


def _csl_reason(error):
    where = ".".join(str(part) for part in error.absolute_path) or _("the item")
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return _("The field “%(field)s” is missing.") % {"field": missing}
    if error.validator == "type":
        return _("“%(field)s” has the wrong type (expected %(expected)s).") % {
            "field": where,
            "expected": error.validator_value,
        }
    return _("“%(field)s” is not valid: %(problem)s") % {"field": where, "problem": error.message}


def _csl_record(item, origin):
    design, population = propose(
        work_type=item["type"],
        title=item["title"],
        keywords=_split_keywords(item.get("keyword", "")),
    )
    authors = [
        (p.get("family") or p.get("literal", ""), p.get("given", ""))
        for p in item.get("author", [])
    ]
    return Record(
        title=item["title"],
        authors=format_authors(authors),
        journal=item.get("container-title") or item.get("publisher", ""),
        year=_csl_year(item.get("issued") or {}),
        doi=item.get("DOI", ""),
        pmid=str(item.get("PMID", "")),
        pmcid=item.get("PMCID", ""),
        url=item.get("URL", ""),
        design=design,
        population=population,
        origin=origin,
    )


def _csl_year(issued):
    parts = issued.get("date-parts") or [[]]
    first = parts[0][0] if parts[0] else None
    return year_from(first) or year_from(issued.get("raw")) or year_from(issued.get("literal"))


def _split_keywords(value):
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]


PARSERS = {BIBTEX: parse_bibtex, RIS: parse_ris, CSL_JSON: parse_csl_json}
