"""manage.py check_integrity: every cited DOI and PMID re-checked, changes through the retraction flow."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from audit.models import AuditEntry
from evidence.integrity_check import check_integrity
from evidence.models import Source
from tests.factories import make_article, make_citation, make_claim, make_source

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two runs at once need row locks and concurrent writers (PostgreSQL); on SQLite "
    "test_a_second_run_the_same_night_has_nothing_to_do covers running it twice",
)


def cited(**kwargs):
    source = make_source(**kwargs)
    article = make_article(body="Een bewering [[claim:bewering]].")
    make_citation(make_claim(article, key="bewering"), source)
    return source


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("check_integrity", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    ("identifiers", "status", "notice"),
    [
        (
            {"doi": "10.5555/gc.zink-retracted"},
            "retracted",
            "Retraction Watch via Crossref (record 51234): https://doi.org/10.5555/gc.zink-retractie",
        ),
        (
            {"doi": "10.5555/gc.rw-only"},
            "retracted",
            "Retraction Watch via Crossref (record 48876)",
        ),
        ({"doi": "10.5555/gc.zink-retractie"}, "retracted", "Deze DOI is zelf een melding"),
        ({"doi": "10.5555/gc.vezels-concern"}, "concern", "Expression of Concern (2025-05-02)"),
        ({"doi": "10.5555/gc.kurkuma-correction"}, "correction", "gc.kurkuma-erratum"),
        ({"doi": None, "pmid": "90000002"}, "retracted", "PubMed RetractionIn"),
        ({"doi": None, "pmid": "90000005"}, "concern", "PubMed ExpressionOfConcernIn"),
        ({"doi": None, "pmid": "90000006"}, "correction", "PubMed ErratumIn"),
    ],
)
def test_each_kind_of_notice_is_recorded(registries, identifiers, status, notice):
    source = cited(**identifiers)
    out = run()
    source.refresh_from_db()
    assert source.integrity_status == status
    assert notice in source.integrity_notice
    assert source.integrity_checked_at is not None
    entry = AuditEntry.objects.get(action="source_integrity", object_id=str(source.pk))
    assert (entry.actor, entry.from_state, entry.to_state) == (None, "none", status)
    assert "1 gewijzigd" in out


def test_a_retraction_goes_through_the_whole_flow(registries, django_capture_on_commit_callbacks):
    source = cited(doi="10.5555/gc.zink-retracted", pmid="90000002")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run()
    source.refresh_from_db()
    assert source.is_retracted
    assert "de uitgever via Crossref" in source.integrity_notice
    assert "PubMed RetractionIn" in source.integrity_notice  # both registries, one notice
    [message] = mail.outbox
    assert source.title in message.subject
    assert AuditEntry.objects.filter(action="source_integrity_flag").count() == 1


def test_a_clean_source_is_stamped_as_checked_and_nothing_else(registries):
    source = cited(doi="10.5555/gc.probiotica-rct", pmid="90000001")
    out = run()
    source.refresh_from_db()
    assert source.integrity_status == "none" and source.integrity_checked_at is not None
    assert not AuditEntry.objects.filter(action="source_integrity").exists()
    assert "1 van 1 te controleren bron(nen) gecontroleerd: 0 gewijzigd" in out


def test_a_milder_report_never_undoes_what_an_editor_recorded(registries, editor):
    source = cited(doi="10.5555/gc.probiotica-rct")
    source.set_integrity("retracted", "Door de redactie vastgesteld.", by=editor)
    Source.objects.filter(pk=source.pk).update(integrity_checked_at=None)
    out = run()
    source.refresh_from_db()
    assert source.is_retracted and source.integrity_notice == "Door de redactie vastgesteld."
    assert "behouden:" in out and "Een redacteur beslist." in out


def test_a_correction_becomes_a_retraction_when_one_is_reported(registries):
    source = cited(doi="10.5555/gc.zink-retracted")
    source.set_integrity("correction", "Erratum, 2020.")
    Source.objects.filter(pk=source.pk).update(integrity_checked_at=None)
    run()
    source.refresh_from_db()
    assert source.is_retracted


def test_only_cited_sources_with_an_identifier_are_checked(registries):
    make_source(doi="10.5555/gc.zink-retracted")  # not cited: nobody relies on it
    cited(doi=None, pmid=None)
    assert "0 van 0" in run()
    assert registries.requests == []


def test_a_second_run_the_same_night_has_nothing_to_do(registries):
    source = cited(doi="10.5555/gc.zink-retracted")
    run()
    requests = len(registries.requests)
    assert "0 van 0" in run()
    assert len(registries.requests) == requests
    tomorrow = timezone.now() + datetime.timedelta(hours=21)
    report = check_integrity(now=tomorrow)  # the next night re-checks, and changes nothing twice
    assert report.checked == 1 and report.changed == []
    assert (
        AuditEntry.objects.filter(action="source_integrity", object_id=str(source.pk)).count() == 1
    )


def test_min_age_hours_sets_what_counts_as_recent(registries):
    cited(doi="10.5555/gc.probiotica-rct")
    run()
    assert "0 van 0" in run("--min-age-hours", "1")
    later = timezone.now() + datetime.timedelta(hours=2)
    assert check_integrity(now=later, min_age=datetime.timedelta(hours=1)).checked == 1


def test_dry_run_reports_and_records_nothing(registries):
    source = cited(doi="10.5555/gc.zink-retracted")
    out = run("--dry-run")
    source.refresh_from_db()
    assert "Ingetrokken" in out or "ingetrokken" in out
    assert "Proefdraai: er is niets vastgelegd." in out
    assert source.integrity_status == "none" and source.integrity_checked_at is None


def test_no_network_stops_the_run_and_leaves_the_sources_for_the_next(registries):
    source = cited(doi="10.5555/gc.zink-retracted")
    registries.offline = True
    with pytest.raises(
        CommandError, match="Vroegtijdig gestopt: Kon Crossref niet bereiken"
    ) as stopped:
        run()
    assert stopped.value.returncode == 1
    source.refresh_from_db()
    assert source.integrity_status == "none" and source.integrity_checked_at is None
    registries.offline = False
    run()
    source.refresh_from_db()
    assert source.is_retracted


def test_an_unknown_doi_is_reported_and_the_others_are_still_checked(registries):
    broken = cited(doi="10.5555/bestaat-niet")
    retracted = cited(doi="10.5555/gc.rw-only")
    with pytest.raises(CommandError, match="1 bron\\(nen\\) konden niet worden gecontroleerd"):
        out = io.StringIO()
        call_command("check_integrity", stdout=out, stderr=out)
    assert "Crossref kent de DOI 10.5555/bestaat-niet niet" in out.getvalue()
    broken.refresh_from_db()
    retracted.refresh_from_db()
    assert broken.integrity_checked_at is None  # not checked, so due again next night
    assert retracted.is_retracted


def test_pmids_are_fetched_in_batches(registries):
    for pmid in ("90000001", "90000002", "90000005", "90000006"):
        cited(doi=None, pmid=pmid)
    run()
    assert len(registries.to("eutils.ncbi.nlm.nih.gov")) == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_servers_running_at_once_check_each_source_once(registries):
    dois = ["10.5555/gc.zink-retracted", "10.5555/gc.rw-only", "10.5555/gc.vezels-concern"]
    sources = [cited(doi=doi) for doi in dois] + [
        cited(doi=f"10.5555/gc.schoon-{n}") for n in range(30)
    ]
    for n in range(30):
        registries.add_copy("10.5555/gc.probiotica-rct", doi=f"10.5555/gc.schoon-{n}")
    start = threading.Barrier(2)
    reports, errors = [], []

    def server():
        try:
            start.wait()
            reports.append(check_integrity())
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=server) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(r.checked for r in reports) == len(sources)  # split between them, none twice
    assert len(registries.to("api.crossref.org")) == len(sources)
    changed = sorted(s.doi for r in reports for s, _old, _new in r.changed)
    assert changed == sorted(dois)
    assert AuditEntry.objects.filter(action="source_integrity").count() == 3
