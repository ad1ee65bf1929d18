"""Demo logins: one account per role, each password generated once and shown once."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from blog import roles
from blog.demo import data
from blog.models import Author

SUPERUSER = "superuser"


@dataclass
class Login:
    user: object
    label: str
    password: str = ""  # empty when the account already existed: we never reset it

    @property
    def is_new(self):
        return bool(self.password)


def ensure_roles():
    """The groups and their permissions come from blog.roles, the one place that defines them."""
    roles.setup_roles()


def new_password():
    return secrets.token_urlsafe(12)


@transaction.atomic
def seed_users():
    """Create the demo accounts that are missing; returns {username: Login} in file order."""
    ensure_roles()
    return {spec["username"]: _ensure_user(spec) for spec in data.users()}


def _ensure_user(spec):
    user_model = get_user_model()
    existing = user_model.objects.filter(username=spec["username"]).first()
    if existing is not None:
        return Login(existing, spec["label"])
    password = new_password()
    user = _create_user(user_model, spec, password)
    if spec.get("author"):
        Author.objects.filter(slug=spec["author"], user__isnull=True).update(user=user)
    return Login(user, spec["label"], password)


def _create_user(user_model, spec, password):
    fields = {
        "email": spec["email"],
        "first_name": spec.get("first_name", ""),
        "last_name": spec.get("last_name", ""),
    }
    if spec["role"] == SUPERUSER:
        return user_model.objects.create_superuser(spec["username"], password=password, **fields)
    user = user_model.objects.create_user(
        spec["username"], password=password, is_staff=True, **fields
    )
    user.groups.add(Group.objects.get(name=spec["role"]))
    return user
