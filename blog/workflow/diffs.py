"""Comparing two revisions: a side-by-side text diff and a claim-aware summary.

The summary speaks the editors' language (claims added or removed, certainty
changed, sources swapped, disclaimers changed), because a one-word change in a
citation can matter more than a rewritten paragraph.
"""

import difflib
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from blog.models import Article
from blog.workflow import fingerprint
from evidence.certainty import Grade

# Fields whose text is long enough to deserve a line-by-line table.
LONG_TEXT = {"body", "lead"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    table_html: str = ""


@dataclass
class Comparison:
    old: object
    new: object
    fields: list = field(default_factory=list)
    summary: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.fields or self.summary)

    @property
    def reviewed_parts(self):
        """The parts the medical review covers that differ between the two versions."""
        return changed_part_labels(self.old.data, self.new.data)


def compare(old, new):
    """Compare two revisions of one article (older first)."""
    return Comparison(
        old=old,
        new=new,
        fields=field_changes(old.data, new.data, old_desc=str(old), new_desc=str(new)),
        summary=claim_summary(old.data, new.data),
    )


def _part_label(name):
    labels = {
        "authors": _("authors"),
        "tags": _("tags"),
        "claims": _("claims"),
        "citations": _("citations"),
        "disclaimers": _("disclaimers"),
        "lint_decisions": _("decisions on linter findings"),
    }
    return labels[name] if name in labels else _label(name)


def changed_part_labels(old_data, new_data):
    """What changed between two revisions' data, in the parts the medical review covers,
    as editors name them (e.g. ["intro", "tags"])."""
    return [_part_label(name) for name in fingerprint.changed_parts(old_data, new_data)]


def side_by_side(old_text, new_text, old_desc, new_desc):
    table = difflib.HtmlDiff(wrapcolumn=70).make_table(
        (old_text or "").splitlines(),
        (new_text or "").splitlines(),
        old_desc,
        new_desc,
        context=True,
        numlines=2,
    )
    # difflib escapes the compared text itself; the markup around it is its own.
    return mark_safe(table)  # noqa: S308


def _label(name):
    return str(Article._meta.get_field(name).verbose_name)


def _show(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def field_changes(old, new, *, old_desc="", new_desc=""):
    changes = []
    for name, new_value in new["fields"].items():
        old_value = old["fields"].get(name)
        if old_value == new_value:
            continue
        change = FieldChange(_label(name), _show(old_value), _show(new_value))
        if name in LONG_TEXT:
            change.table_html = side_by_side(old_value, new_value, old_desc, new_desc)
        changes.append(change)
    for key, label in (("authors", _("authors")), ("tags", _("tags"))):
        before, after = _names(old.get(key, [])), _names(new.get(key, []))
        if before != after:
            changes.append(FieldChange(label, ", ".join(before) or "—", ", ".join(after) or "—"))
    return changes


def _names(items):
    return [item["name"] if isinstance(item, dict) else item for item in items]


def claim_summary(old, new):
    """Sentences describing what changed in claims, citations and disclaimers."""
    before = {claim["key"]: claim for claim in old.get("claims", [])}
    after = {claim["key"]: claim for claim in new.get("claims", [])}
    lines = []
    for key in sorted(after.keys() - before.keys()):
        lines.append(
            _("Claim added: '%(key)s' — %(statement)s")
            % {"key": key, "statement": after[key]["fields"].get("statement", "")}
        )
    for key in sorted(before.keys() - after.keys()):
        lines.append(
            _("Claim removed: '%(key)s' — %(statement)s")
            % {"key": key, "statement": before[key]["fields"].get("statement", "")}
        )
    for key in sorted(before.keys() & after.keys()):
        lines.extend(_claim_changes(key, before[key], after[key]))
    lines.extend(_disclaimer_changes(old.get("disclaimers", []), new.get("disclaimers", [])))
    return lines


def _claim_changes(key, old, new):
    lines = []
    if old["fields"].get("statement") != new["fields"].get("statement"):
        lines.append(
            _("Statement of claim '%(key)s' changed: “%(old)s” → “%(new)s”")
            % {
                "key": key,
                "old": old["fields"].get("statement"),
                "new": new["fields"].get("statement"),
            }
        )
    if old["fields"].get("category") != new["fields"].get("category"):
        lines.append(
            _("Category of claim '%(key)s': %(old)s → %(new)s")
            % {"key": key, "old": _category(old), "new": _category(new)}
        )
    if old.get("level") != new.get("level"):
        lines.append(
            _("Certainty of claim '%(key)s': %(old)s → %(new)s")
            % {"key": key, "old": _grade(old.get("level")), "new": _grade(new.get("level"))}
        )
    lines.extend(_citation_changes(key, old["citations"], new["citations"]))
    return lines


def _citation_changes(key, old, new):
    before = {c["fields"].get("source"): c for c in old}
    after = {c["fields"].get("source"): c for c in new}
    removed = [before[s]["source_title"] for s in before.keys() - after.keys()]
    added = [after[s]["source_title"] for s in after.keys() - before.keys()]
    lines = []
    if removed and added:
        lines.append(
            _("Sources swapped for claim '%(key)s': %(old)s → %(new)s")
            % {"key": key, "old": "; ".join(sorted(removed)), "new": "; ".join(sorted(added))}
        )
    elif added:
        lines.append(
            _("Source added to claim '%(key)s': %(new)s")
            % {"key": key, "new": "; ".join(sorted(added))}
        )
    elif removed:
        lines.append(
            _("Source removed from claim '%(key)s': %(old)s")
            % {"key": key, "old": "; ".join(sorted(removed))}
        )
    for source in sorted(before.keys() & after.keys(), key=str):
        lines.extend(_same_source_changes(key, before[source], after[source]))
    return lines


def _same_source_changes(key, old, new):
    lines = []
    title = new["source_title"]
    if old["fields"].get("role") != new["fields"].get("role"):
        lines.append(
            _("Role of “%(source)s” for claim '%(key)s': %(old)s → %(new)s")
            % {"source": title, "key": key, "old": _role(old), "new": _role(new)}
        )
    if old["fields"].get("level_override") != new["fields"].get("level_override"):
        lines.append(
            _("Adjusted level of “%(source)s” for claim '%(key)s': %(old)s → %(new)s")
            % {
                "source": title,
                "key": key,
                "old": _grade(old["fields"].get("level_override")),
                "new": _grade(new["fields"].get("level_override")),
            }
        )
    other = {
        name
        for name in old["fields"].keys() | new["fields"].keys()
        if old["fields"].get(name) != new["fields"].get(name)
    } - {"role", "level_override"}
    if other:
        lines.append(
            _("Citation “%(source)s” for claim '%(key)s' edited (%(fields)s)")
            % {"source": title, "key": key, "fields": ", ".join(sorted(other))}
        )
    return lines


def _disclaimer_changes(old, new):
    before = {d["id"]: d["title"] for d in old}
    after = {d["id"]: d["title"] for d in new}
    lines = [
        _("Disclaimer added: %(title)s") % {"title": after[i]}
        for i in sorted(after.keys() - before.keys())
    ]
    lines += [
        _("Disclaimer removed: %(title)s") % {"title": before[i]}
        for i in sorted(before.keys() - after.keys())
    ]
    return lines


def _choice_label(model, name, value):
    if not value:
        return "—"
    return str(dict(model._meta.get_field(name).flatchoices).get(value, value))


def _claim_model():
    return Article._meta.get_field("claims").related_model


def role_label(citation):
    """A stored citation's role as editors read it."""
    return _role(citation)


def grade_label(value):
    """A stored certainty level or grade as editors read it."""
    return _grade(value)


def _category(claim):
    return _choice_label(_claim_model(), "category", claim["fields"].get("category"))


def _role(citation):
    citation_model = _claim_model()._meta.get_field("citations").related_model
    return _choice_label(citation_model, "role", citation["fields"].get("role"))


def _grade(value):
    if not value:
        return "—"
    try:
        return str(Grade(value).label)
    except ValueError:  # a grade an older version of the scale knew
        return value
