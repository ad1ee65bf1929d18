"""The three editorial roles and exactly the permissions each job needs.

Rules are written as app label + model name + actions, so models other features
add later are covered by a rule ('*' = every model of the app) or simply
skipped until they exist. `manage.py setup_roles` and every `migrate` apply
them; a group's permissions are set to exactly this list, nothing more.

- Editors write and publish articles and keep the evidence registry; they may
  read reader submissions (to answer them) but not moderate them.
- Medical reviewers read everything editorial and record reviews.
- Moderators handle reader submissions and the word lists; they cannot change
  articles or evidence.
Nobody but a superuser deletes audit history: no role holds delete_auditentry.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
MODERATORS = "Moderators"

READ = ("view",)
WRITE = ("add", "change", "view")
MANAGE = ("add", "change", "view", "delete")

ROLES = {
    EDITORS: {
        ("blog", "article"): (*WRITE, "publish"),
        ("blog", "author"): WRITE,
        ("blog", "topic"): WRITE,
        ("taggit", "tag"): WRITE,
        ("blog", "revision"): READ,
        ("blog", "review"): READ,
        ("blog", "previewlink"): MANAGE,
        ("blog", "correction"): WRITE,
        ("comments", "comment"): READ,
        ("evidence", "*"): MANAGE,
    },
    MEDICAL_REVIEWERS: {
        ("blog", "article"): (*READ, "review"),
        ("blog", "author"): READ,
        ("blog", "topic"): READ,
        ("blog", "revision"): READ,
        ("blog", "review"): WRITE,
        ("blog", "previewlink"): READ,
        ("blog", "correction"): READ,
        ("evidence", "*"): READ,
    },
    MODERATORS: {
        ("comments", "comment"): ("change", "view", "moderate"),
        ("comments", "moderationword"): MANAGE,
    },
}


# The apps the rules name: after each one's permissions exist, the groups are set again.
ROLE_APPS = {app_label for rules in ROLES.values() for app_label, _model in rules}


def _model_names(app_label, model):
    if model != "*":
        return [model]
    try:
        return [m._meta.model_name for m in apps.get_app_config(app_label).get_models()]
    except LookupError:
        return []


def wanted_codenames(role):
    """(app_label, codename) pairs the role's rules name, whether or not they exist yet."""
    pairs = []
    for (app_label, model), actions in ROLES[role].items():
        for model_name in _model_names(app_label, model):
            pairs += [(app_label, f"{action}_{model_name}") for action in actions]
    return pairs


def setup_roles(*, using=DEFAULT_DB_ALIAS):
    """Create or update the groups; return {role: [codenames not (yet) defined]}."""
    missing = {}
    for role in ROLES:
        wanted = wanted_codenames(role)
        found = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.using(using)
            .select_related("content_type")
            .filter(
                content_type__app_label__in={app for app, _ in wanted},
                codename__in={codename for _, codename in wanted},
            )
        }
        group, _created = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([found[pair] for pair in wanted if pair in found])
        missing[role] = [
            f"{app}.{codename}" for app, codename in wanted if (app, codename) not in found
        ]
    return missing


def on_post_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Keep the groups in step after every migrate (permissions exist by then)."""
    if sender.label in ROLE_APPS:
        setup_roles(using=using)
