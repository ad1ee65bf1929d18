"""Editors add sources in the admin: paste identifiers or upload a file, check the preview, confirm."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from audit.models import AuditEntry
from evidence.models import Source
from tests.factories import make_source, make_staff
from tests.import_helpers import (
    FILE_URL,
    IDS_URL,
    THREE_DOIS,
    confirm,
    preview_of,
    selected,
    upload,
)
from tests.mock_registries import FIXTURES

pytestmark = pytest.mark.django_db


def test_the_source_list_offers_both_ways_in(admin_client):
    page = admin_client.get(reverse("admin:evidence_source_changelist")).content.decode()
    assert IDS_URL in page and FILE_URL in page
    assert "Bron toevoegen via DOI/PMID" in page


def test_pasting_three_dois_shows_the_preview_with_the_proposed_designs(admin_client, registries):
    _url, page = preview_of(admin_client, THREE_DOIS)
    assert "Probiotic supplementation and inflammatory acne lesions" in page
    assert "Oral probiotics for acne vulgaris" in page
    assert "mouse model of atopic dermatitis" in page  # the <i> tags Crossref sends are gone
    assert selected(page, "design") == ["rct", "sr_rct", "animal"]
    assert selected(page, "population") == ["humans", "humans", "animals"]
    assert "PubMed-publicatietype “Randomized Controlled Trial”" in page
    assert "MeSH “Animals” zonder “Humans”" in page
    assert Source.objects.count() == 0  # nothing saved before the editor confirms


def test_confirming_saves_what_the_editor_chose(admin_client, registries):
    url, page = preview_of(admin_client, THREE_DOIS)
    response = confirm(
        admin_client,
        url,
        page,
        {"form-1-design": "sr_obs", "form-2-include": None},  # corrects one, leaves one out
    )
    assert response.status_code == 302
    assert sorted(Source.objects.values_list("doi", "design", "pmid")) == [
        ("10.5555/gc.meta-analyse", "sr_obs", "90000003"),
        ("10.5555/gc.probiotica-rct", "rct", "90000001"),
    ]
    rct = Source.objects.get(doi="10.5555/gc.probiotica-rct")
    assert (rct.authors, rct.journal, rct.year, rct.pmcid) == (
        "Jansen A, de Vries B, El Amrani S",
        "Tijdschrift voor Demo-Dermatologie",
        2021,
        "PMC9900001",
    )
    assert LogEntry.objects.filter(object_id=str(rct.pk)).exists()
    page = admin_client.get(response["Location"]).content.decode()
    assert "2 bron(nen) toegevoegd" in page
    assert admin_client.get(url).status_code == 302  # the preview is used up


def test_a_preview_with_nothing_ticked_saves_nothing_and_says_so(admin_client, registries):
    url, page = preview_of(admin_client, "10.5555/gc.probiotica-rct")
    response = confirm(admin_client, url, page, {"form-0-include": None})
    assert response.status_code == 200
    assert "Vink ten minste één bron aan" in response.content.decode()
    assert not Source.objects.exists()


def test_a_source_already_registered_is_a_duplicate_with_a_link(admin_client, registries):
    existing = make_source(title="Al bekend", doi=None, pmid="90000001")
    url, page = preview_of(admin_client, "10.5555/gc.probiotica-rct 10.5555/gc.muizen")
    assert reverse("admin:evidence_source_change", args=[existing.pk]) in page
    assert "Staat al in het register" in page
    assert selected(page, "design") == ["animal"]  # only the new one can be confirmed
    confirm(admin_client, url, page)
    assert Source.objects.count() == 2
    assert Source.objects.filter(pmid="90000001").get() == existing


def test_same_title_and_year_is_a_duplicate_too(admin_client, registries):
    make_source(
        title="Probiotic supplementation and inflammatory acne lesions: a randomised, "
        "placebo-controlled trial (Demo)",
        year=2021,
        doi=None,
    )
    _url, page = preview_of(admin_client, "10.5555/gc.probiotica-rct")
    assert "Staat al in het register" in page and selected(page, "design") == []


def test_a_doi_and_its_own_pmid_pasted_together_make_one_source(admin_client, registries):
    url, page = preview_of(admin_client, "10.5555/gc.probiotica-rct 90000001")
    assert selected(page, "design") == ["rct"]
    assert "Dezelfde bron als DOI 10.5555/gc.probiotica-rct in deze import" in page
    confirm(admin_client, url, page)
    assert Source.objects.get().pmid == "90000001"


def test_an_unknown_doi_keeps_the_text_and_says_which(admin_client, registries):
    response = admin_client.post(IDS_URL, {"identifiers": "10.5555/bestaat-niet"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Crossref kent de DOI 10.5555/bestaat-niet niet" in page
    assert "10.5555/bestaat-niet</textarea>" in page
    assert not Source.objects.exists()


def test_text_that_is_no_identifier_is_refused_with_the_token(admin_client, registries):
    response = admin_client.post(IDS_URL, {"identifiers": "10.5555/gc.muizen zinkpillen"})
    assert "“zinkpillen” is geen DOI" in response.content.decode()
    assert registries.requests == []


def test_no_network_is_a_clear_error_and_loses_nothing(admin_client, registries):
    registries.offline = True
    response = admin_client.post(IDS_URL, {"identifiers": THREE_DOIS})
    page = response.content.decode()
    assert "Kon Crossref niet bereiken (ConnectError)" in page
    assert "10.5555/gc.probiotica-rct" in page
    assert not Source.objects.exists()


def test_an_unknown_doi_among_known_ones_is_listed_as_invalid(admin_client, registries):
    _url, page = preview_of(admin_client, "10.5555/gc.muizen 10.5555/bestaat-niet")
    assert "Ongeldig, niet geïmporteerd" in page
    assert "Crossref kent de DOI 10.5555/bestaat-niet niet" in page


def test_a_retraction_found_while_importing_is_recorded_through_the_flow(admin_client, registries):
    url, page = preview_of(admin_client, "10.5555/gc.zink-retracted")
    assert "Retraction Watch via Crossref (record 51234)" in page
    confirm(admin_client, url, page)
    source = Source.objects.get(doi="10.5555/gc.zink-retracted")
    assert source.is_retracted
    assert "https://doi.org/10.5555/gc.zink-retractie" in source.integrity_notice
    assert AuditEntry.objects.filter(action="source_integrity", object_id=str(source.pk)).exists()


def test_uploading_a_bibtex_file_previews_new_duplicate_and_invalid(admin_client):
    make_source(title="Bestaat al", doi="10.5555/demo.bib-2")
    content = (FIXTURES / "files" / "zotero-export.bib").read_bytes()
    url, page = upload(admin_client, "zotero-export.bib", content)
    assert "Staat al in het register" in page
    assert "Ongeldig, niet geïmporteerd" in page
    assert "De link “javascript:alert(document.cookie)” is weggelaten" in page
    confirm(admin_client, url, page)
    saved = Source.objects.get(doi="10.5555/demo.bib-1")
    assert saved.url == ""  # the javascript: link was not kept
    assert saved.design == "rct"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("latin1.ris", "Het bestand is geen UTF-8-tekst"),
        ("malformed.json", "Dit is geen geldige JSON"),
        ("notes.txt", "Dit is geen BibTeX-"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(admin_client, name, message):
    content = (FIXTURES / "files" / name).read_bytes()
    url, page = upload(admin_client, name, content)
    assert url is None and message in page
    assert not Source.objects.exists()


def test_a_huge_file_is_refused_before_it_is_parsed(admin_client, settings):
    content = (FIXTURES / "files" / "twenty-records.ris").read_bytes()
    huge = content * (settings.SOURCE_IMPORT["MAX_FILE_BYTES"] // len(content) + 1)
    url, page = upload(admin_client, "huge.ris", huge)
    assert url is None and "de grens is 5,0" in page


def test_more_new_records_than_one_confirmation_can_carry_are_refused(admin_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 40  # room for 10 rows of three fields
    content = (FIXTURES / "files" / "twenty-records.ris").read_bytes()
    url, page = upload(admin_client, "twenty-records.ris", content)
    assert url is None
    assert "20 nieuwe bronnen; één voorvertoning kan er hoogstens 10 bevestigen" in page


def test_an_expired_preview_sends_the_editor_back(admin_client):
    url = reverse("admin:evidence_source_import_preview", args=["verlopen"])
    response = admin_client.get(url, follow=True)
    assert "Deze voorvertoning is verlopen" in response.content.decode()


@pytest.mark.parametrize("url", [IDS_URL, FILE_URL])
def test_staff_who_may_not_add_sources_get_403(client, url):
    client.force_login(make_staff(perms=["evidence.view_source"]))
    assert client.get(url).status_code == 403
    assert client.post(url, {"identifiers": "10.5555/gc.muizen"}).status_code == 403
