"""Source URLs are web addresses only (http, https), enforced by the database from here on.

Before the constraint can hold, existing values that are not web addresses are cleared:
each one is recorded in the audit log (with the value, so an editor can look it up and
enter the right address), and links to it are taken out of the published snapshots, which
were rendered when no template filtered them yet. The reverse puts the recorded values
back and removes those audit entries.
"""

import json
import re

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.utils.html import escape

ACTION = "source_url_cleared"
REASON = "URL removed: not a web address (http:// or https://)."
WEB_PREFIXES = ("http://", "https://")
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _is_web_address(url):
    return url.lstrip(" ").lower().startswith(WEB_PREFIXES)


def clear_unsafe_urls(apps, schema_editor):
    Source = apps.get_model("evidence", "Source")
    AuditEntry = apps.get_model("blog", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    unsafe = {s.pk: s.url for s in Source.objects.exclude(url="") if not _is_web_address(s.url)}
    if not unsafe:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="evidence", model="source")
    for source in Source.objects.filter(pk__in=unsafe):
        year = f" ({source.year})" if source.year else ""
        AuditEntry.objects.create(
            action=ACTION,
            content_type=content_type,
            object_id=str(source.pk),
            object_repr=f"{source.title}{year}"[:200],
            reason=REASON,
            data={"url": source.url},
        )
    Source.objects.filter(pk__in=unsafe).update(url="")
    _scrub_snapshots(apps.get_model("blog", "Article"), unsafe)


def _scrub_snapshots(Article, unsafe):
    for article in Article.objects.exclude(live_extras={}):
        extras = article.live_extras
        if _scrub(extras, set(unsafe.values()), set(unsafe)):
            Article.objects.filter(pk=article.pk).update(live_extras=extras)


def _scrub(extras, urls, source_ids):
    """Remove the unsafe URLs from one snapshot's extras in place; True when any was there."""
    changed = False
    for entry in extras.get("citations") or []:
        if entry.get("source_id") in source_ids and entry.get("url"):
            entry["url"] = ""
            changed = True
    for key, value in list(extras.items()):
        if isinstance(value, dict):
            changed |= _scrub(value, urls, source_ids)
        elif isinstance(value, str) and key.endswith("_html"):
            cleaned = _without_links(value, urls)
            changed |= cleaned != value
            extras[key] = cleaned
    if isinstance(extras.get("json_ld"), str):
        cleaned = _json_ld_without(extras["json_ld"], urls)
        changed |= cleaned != extras["json_ld"]
        extras["json_ld"] = cleaned
    return changed


def _without_links(html, urls):
    for url in urls:
        html = re.sub(rf'<a href="{re.escape(escape(url))}"[^>]*>[^<]*</a> ?', "", html)
    return html


def _json_ld_without(text, urls):
    data = json.loads(text)
    for item in data.get("citation") or []:
        if item.get("url") in urls:
            del item["url"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_ESCAPES)


def restore_urls(apps, schema_editor):
    Source = apps.get_model("evidence", "Source")
    AuditEntry = apps.get_model("blog", "AuditEntry")
    entries = AuditEntry.objects.filter(action=ACTION, content_type__app_label="evidence")
    for entry in entries:
        Source.objects.filter(pk=entry.object_id).update(url=entry.data.get("url", ""))
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0003_linter_findings"),
        ("blog", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(clear_unsafe_urls, restore_urls),
        migrations.AlterField(
            model_name="source",
            name="url",
            field=models.URLField(
                blank=True,
                help_text="A web address starting with http:// or https://; readers get it as a link.",
                max_length=500,
                validators=[
                    django.core.validators.URLValidator(
                        message="Enter a web address that starts with http:// or https://.",
                        schemes=["http", "https"],
                    )
                ],
                verbose_name="URL",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("url", ""),
                    django.db.models.lookups.StartsWith(
                        django.db.models.functions.text.Lower(
                            django.db.models.functions.text.LTrim("url")
                        ),
                        "http://",
                    ),
                    django.db.models.lookups.StartsWith(
                        django.db.models.functions.text.Lower(
                            django.db.models.functions.text.LTrim("url")
                        ),
                        "https://",
                    ),
                    _connector="OR",
                ),
                name="source_url_is_web_address",
            ),
        ),
    ]
