"""The audit trail: who did what, when, to which object, from which state.

A leaf app: it imports nothing of ours, so every other app may write to it. Apps
whose objects carry a status register its labels with register_states(), so the
log can name a recorded state without knowing the model.
"""

from django.apps import apps as registry

# Named `registry`, not `apps`: the submodule audit.apps takes that name in this package.
# Models are looked up when record() runs: the package is imported while apps load.
STATE_CHOICES = {}


def register_states(model_label, choices):
    """Name the states recorded for `model_label` ("app.model") with these TextChoices."""
    STATE_CHOICES[model_label.lower()] = choices


def record(
    action, *, actor=None, obj=None, article=None, from_state="", to_state="", reason="", data=None
):
    """Write one audit entry; `obj` (or else `article`) is the object it is about."""
    entry = registry.get_model("audit", "AuditEntry")(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        article=article,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
    )
    subject = obj if obj is not None else article
    if subject is not None:
        content_types = registry.get_model("contenttypes", "ContentType").objects
        entry.content_type = content_types.get_for_model(subject)
        entry.object_id = str(subject.pk)
        entry.object_repr = str(subject)[:200]
    entry.save()
    return entry
