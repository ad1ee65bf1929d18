"""Template tags for the public pages: live integrity notices (one query per page)."""

from django import template

from evidence import integrity

register = template.Library()


@register.simple_tag
def integrity_status(live):
    """The worst integrity status among the sources the shown version cites ('' if none).

    Reads the cited source ids from the snapshot, so a later retraction shows up
    at once while the stored snapshot itself never changes.
    """
    citations = (live or {}).get("citations") or []
    return integrity.live_status([c["source_id"] for c in citations if "source_id" in c])
