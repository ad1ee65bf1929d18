"""Crossref: works/{doi} → a Record, and the update notices Crossref carries.

The response envelope is {"status": "ok", "message-type": "work", "message": {...}}.
A work lists the notices that update it in "updated-by" (since 2025 including
Retraction Watch's records, with "source": "retraction-watch"); a notice itself
points at the work it updates with "update-to".
"""

from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from evidence.models import Source

from . import http
from .proposals import propose
from .records import Notice, Record, clean_text, format_authors

BASE_URL = "https://api.crossref.org/"
LABEL = "Crossref"

# Crossref update types → integrity status; other types (new_version, …) are not notices.
UPDATE_STATUS = {
    "retraction": Source.Integrity.RETRACTED,
    "withdrawal": Source.Integrity.RETRACTED,
    "removal": Source.Integrity.RETRACTED,
    "partial_retraction": Source.Integrity.CONCERN,
    "expression_of_concern": Source.Integrity.CONCERN,
    "correction": Source.Integrity.CORRECTION,
    "erratum": Source.Integrity.CORRECTION,
    "corrigendum": Source.Integrity.CORRECTION,
}


def registry():
    per_second = settings.SOURCE_IMPORT["CROSSREF_REQUESTS_PER_SECOND"]
    return http.Registry(
        "crossref", LABEL, BASE_URL, per_second, {"mailto": settings.CROSSREF_MAILTO}
    )


def fetch_work(doi, reg):
    """The work's metadata ("message"), or a RegistryError saying why not."""
    try:
        data = reg.get_json(f"works/{quote(doi, safe='')}")
    except http.NotFound as error:
        raise http.NotFound(
            _("Crossref does not know the DOI %(doi)s; check it for typing errors.") % {"doi": doi}
        ) from error
    if not _is_work_envelope(data):
        raise reg.malformed()
    return data["message"]


def _is_work_envelope(data):
    return (
        isinstance(data, dict)
        and data.get("status") == "ok"
        and data.get("message-type") == "work"
        and isinstance(data.get("message"), dict)
    )


def record_from_work(work):
    title = _first(work.get("title"))
    design, population = propose(work_type=work.get("type", ""), title=clean_text(title))
    return Record(
        title=title,
        authors=format_authors(_authors(work)),
        journal=_first(work.get("container-title")) or work.get("publisher", ""),
        year=_year(work),
        doi=work.get("DOI"),
        url=((work.get("resource") or {}).get("primary") or {}).get("URL", ""),
        design=design,
        population=population,
        notices=notices(work),
        origin=f"DOI {work.get('DOI', '')}".strip(),
    )


def notices(work):
    """The corrections, concerns and retractions Crossref reports for this work."""
    found = [_notice(update, updates=True) for update in _updates(work, "updated-by")]
    found += [_notice(update, updates=False) for update in _updates(work, "update-to")]
    return [notice for notice in found if notice]


def _updates(work, key):
    value = work.get(key) or []
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _notice(update, *, updates):
    status = UPDATE_STATUS.get(str(update.get("type", "")).lower())
    if status is None:
        return None
    values = {
        "label": update.get("label") or update.get("type"),
        "date": _date(update.get("updated")),
        "doi": update.get("DOI", ""),
        "by": _reporter(update),
    }
    if updates:
        text = _("%(label)s (%(date)s), reported by %(by)s: https://doi.org/%(doi)s") % values
    else:
        text = (
            _(
                "This DOI is itself a notice (%(label)s, %(date)s) for https://doi.org/%(doi)s, reported by %(by)s; it is not evidence."
            )
            % values
        )
    return Notice(status=status, text=text)


def _reporter(update):
    if update.get("source") == "retraction-watch":
        record = update.get("record-id")
        name = _("Retraction Watch via Crossref")
        return f"{name} (record {record})" if record else name
    return _("the publisher via Crossref")


def _authors(work):
    names = []
    for person in work.get("author") or []:
        if isinstance(person, dict):
            names.append((person.get("family") or person.get("name", ""), person.get("given", "")))
    return names


def _year(work):
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (work.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            return parts[0][0]
    return None


def _date(value):
    parts = ((value or {}).get("date-parts") or [[]])[0]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts) if isinstance(p, int))


def _first(values):
    if isinstance(values, list) and values:
        return clean_text(values[0])
    return clean_text(values) if isinstance(values, str) else ""
