"""Claim markers in article bodies: [[claim:some-key]]."""

import re

MARKER = re.compile(r"\[\[claim:([a-z0-9][a-z0-9-]*)\]\]")


def marker_keys(text):
    """Keys in the order they are first marked."""
    return list(dict.fromkeys(MARKER.findall(text or "")))
