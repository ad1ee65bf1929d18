"""The admin as the site's own editorial office: its name, and Dutch that reads right.

Django's Dutch admin says "De {name} … is met succes gewijzigd", which is wrong for
every het-word ("het artikel"). Our catalogue translates these messages without an
article; they are listed here so `make messages` keeps them in locale/nl.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy, gettext_noop

admin.site.site_header = gettext_lazy("Gutcheck editorial office")
admin.site.site_title = gettext_lazy("Gutcheck editorial office")
admin.site.index_title = gettext_lazy("Articles, evidence and reader submissions")

DJANGO_ADMIN_MESSAGES = [
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
]
