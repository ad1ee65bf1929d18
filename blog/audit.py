"""Writing the audit trail: every transition calls record()."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record(
    action, *, actor=None, obj=None, article=None, from_state="", to_state="", reason="", data=None
):
    entry = AuditEntry(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        article=article,
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:200]
    elif article is not None:
        entry.content_type = ContentType.objects.get_for_model(article)
        entry.object_id = str(article.pk)
        entry.object_repr = str(article)[:200]
    entry.save()
    return entry
