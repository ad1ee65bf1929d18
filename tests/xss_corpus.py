"""The shared XSS corpus and an HTML5-parser-based safety check.

The corpus lives beside the repository at ../shared/xss/ (see its SOURCES.md for
the line format). `unsafe_findings(html)` re-parses output the way a browser
would and lists everything that could run script or smuggle a dangerous URL;
an empty list means the HTML is safe to serve.
"""

import json
import re
from pathlib import Path

import html5lib
import pytest

CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "xss"
EXPECTED_PAYLOADS = 520

_ESCAPE = re.compile(r"\\(\\|n|r|t|x[0-9a-f]{2}|u[0-9a-f]{4})")
_SIMPLE = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}

SCRIPT_CAPABLE = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "style",
        "base",
        "meta",
        "link",
        "template",
        "noscript",
        "xmp",
        "plaintext",
        "noembed",
        "portal",
        "isindex",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "background",
        "cite",
        "data",
        "codebase",
        "srcset",
        "lowsrc",
        "dynsrc",
        "longdesc",
        "usemap",
        "ping",
    }
)
SAFE_SCHEMES = {"href": {"http", "https", "mailto"}}
DEFAULT_SAFE_SCHEMES = {"http", "https"}
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def decode(line):
    return _ESCAPE.sub(lambda m: _SIMPLE.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), line)


def load_payloads():
    path = CORPUS_DIR / "payloads.txt"
    if not path.exists():
        pytest.fail(
            f"The XSS corpus is missing: expected {path} (the shared/ folder beside the repo).",
            pytrace=False,
        )
    payloads = [decode(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(payloads) == EXPECTED_PAYLOADS, f"{path} should hold {EXPECTED_PAYLOADS} payloads"
    return payloads


def _local(name):
    return name.rsplit("}", 1)[-1].lower() if isinstance(name, str) else ""


def _attr_name(name):
    # html5lib gives namespaced attributes as "{ns}local" or a (ns, local) tuple.
    if isinstance(name, tuple):
        return (name[1] or "").lower()
    return _local(name)


def _scheme(url):
    """The URL's scheme after WHATWG pre-processing, or '' for a relative URL."""
    url = url.strip(_C0_AND_SPACE)
    url = re.sub(r"[\t\n\r]", "", url)
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else ""


def _url_problem(tag, name, value):
    candidates = (
        [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
    )
    allowed = SAFE_SCHEMES.get(name, DEFAULT_SAFE_SCHEMES)
    for url in candidates:
        scheme = _scheme(url)
        if scheme and scheme not in allowed:
            return f"<{tag} {name}={value!r}> uses scheme {scheme!r}"
    return None


def _element_findings(element):
    tag = _local(element.tag)
    if tag in SCRIPT_CAPABLE:
        yield f"<{tag}> element"
    attrs = {_attr_name(k): v for k, v in element.attrib.items()}
    for name, value in attrs.items():
        if name.startswith("on"):
            yield f"<{tag} {name}> event handler"
        elif name in {"style", "srcdoc"} and value.strip():
            yield f"<{tag} {name}> attribute"
        elif name in URL_ATTRIBUTES:
            problem = _url_problem(tag, name, value)
            if problem:
                yield problem
    if attrs.get("target", "").lower() == "_blank" and "noopener" not in attrs.get("rel", ""):
        yield f"<{tag} target=_blank> without rel=noopener"


def _is_json_ld(element):
    if _local(element.tag) != "script" or element.get("type") != "application/ld+json":
        return False
    try:
        json.loads(element.text or "")
    except ValueError:
        return False
    return True


def findings_in_tree(root):
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or _is_json_ld(element):
            continue
        found.extend(_element_findings(element))
    return found


def unsafe_findings(fragment):
    """Problems in an HTML fragment (stored article HTML)."""
    root = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    return findings_in_tree(root)


def page_findings(document):
    """Problems in a whole served page (the site's own chrome included)."""
    root = html5lib.parse(document, treebuilder="etree", namespaceHTMLElements=False)
    return findings_in_tree(root)
