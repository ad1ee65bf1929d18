"""Helpers for the import tests: drive the admin's import screens as a browser would."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

IDS_URL = reverse("admin:evidence_source_import_ids")
FILE_URL = reverse("admin:evidence_source_import_file")
THREE_DOIS = """10.5555/gc.probiotica-rct
https://doi.org/10.5555/gc.meta-analyse, doi: 10.5555/gc.muizen"""


def selected(page, name):
    """The selected option of each <select name="form-N-<name>"> on the page, in order."""
    selects = re.findall(rf'<select name="form-\d+-{name}"[^>]*>(.*?)</select>', page, re.S)
    return [re.search(r'<option value="([^"]*)" selected>', s).group(1) for s in selects]


def preview_of(client, text):
    response = client.post(IDS_URL, {"identifiers": text})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], client.get(response["Location"]).content.decode()


def upload(client, name, content):
    response = client.post(FILE_URL, {"file": SimpleUploadedFile(name, content)})
    if response.status_code != 302:
        return None, response.content.decode()
    return response["Location"], client.get(response["Location"]).content.decode()


def confirm(client, url, page, changes=None):
    """POST the preview's form as a browser would (every row ticked), with changes applied."""
    total = int(re.search(r'name="form-TOTAL_FORMS" value="(\d+)"', page).group(1))
    data = {"form-TOTAL_FORMS": total, "form-INITIAL_FORMS": total}
    for n, (design, population) in enumerate(
        zip(selected(page, "design"), selected(page, "population"), strict=True)
    ):
        data.update(
            {
                f"form-{n}-include": "on",
                f"form-{n}-design": design,
                f"form-{n}-population": population,
            }
        )
    data.update(changes or {})
    return client.post(url, {k: v for k, v in data.items() if v is not None})
