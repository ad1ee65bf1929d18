"""Claim markers in article bodies: [[claim:some-key]].

Double square brackets never occur in ordinary Dutch or English prose and pass
through Markdown and the sanitizer untouched, so a marker cannot be confused
with normal text. Keys are lower-case letters, digits and hyphens.
"""

import re

KEY_PATTERN = r"[a-z0-9][a-z0-9-]*"
MARKER = re.compile(rf"\[\[claim:({KEY_PATTERN})\]\]")
# Anything that looks like an attempt at a marker: '[[ Claim: x ]]', '[[claim:x]', '[[claim x]]'.
NEAR_MARKER = re.compile(r"\[\[\s*claim\b[^\[\]\n]{0,80}\]?\]?", re.IGNORECASE)


def marker_keys(text):
    """Keys in the order they are first marked."""
    return list(dict.fromkeys(MARKER.findall(text or "")))


def malformed_markers(text):
    """Marker attempts that are not valid markers, in order, each once."""
    found = (match.group(0) for match in NEAR_MARKER.finditer(text or ""))
    return list(dict.fromkeys(snippet for snippet in found if not MARKER.fullmatch(snippet)))


def marker_for(key):
    return f"[[claim:{key}]]"


# Sanitized HTML (blog.rendering) escapes "<" and ">" inside attribute values, so every
# "<...>" run is exactly one tag and everything between tags is text.
_TAG = re.compile(r"(<[^>]*>)")


def replace_in_text(html, replace):
    """MARKER.sub(replace, …) on the text between tags only; attributes are left alone.

    A marker inside an image's alt text or a link's address stays as typed there: a
    badge is markup, and markup inside an attribute would become attributes of the
    editor's element.
    """
    parts = _TAG.split(html or "")
    return "".join(
        part if index % 2 else MARKER.sub(replace, part) for index, part in enumerate(parts)
    )
