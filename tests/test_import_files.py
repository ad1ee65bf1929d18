"""BibTeX, RIS and CSL-JSON files: what is read, what is refused, and why."""

import codecs
import re

import pytest
from django.utils import translation

from evidence.importers import batch, files
from tests.factories import make_source
from tests.mock_registries import FIXTURES

pytestmark = pytest.mark.django_db

FILES = FIXTURES / "files"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def preview(name, content=None):
    return batch.from_file(name, content if content is not None else (FILES / name).read_bytes())


def by_status(result, status):
    return [item for item in result.items if item.status == status]


def test_a_zotero_bibtex_export():
    make_source(title="Al geregistreerd", doi="10.5555/demo.bib-2")
    result = preview("zotero-export.bib")
    new = {item.record.title: item.record for item in by_status(result, batch.NEW)}
    kefir = new["Daily kefir and atopic eczema in children: a randomised controlled trial (demo)"]
    assert kefir.authors == "Jansen A, de Vries B, Öztürk E"  # LaTeX accents decoded
    assert (kefir.journal, kefir.year, kefir.doi, kefir.url) == (
        "Demo Kindergeneeskunde",
        2022,
        "10.5555/demo.bib-1",
        "",
    )
    assert kefir.design.value == "rct" and kefir.population.value == "humans"
    assert "javascript:alert(document.cookie)" in kefir.notes[0]
    book = new["De darm en de huid: een handboek (demo)"]
    assert book.design.value == "narrative_review"
    assert book.url == "https://demo-uitgeverij.example/boeken/darm-en-huid"
    mice = new["Butyrate and skin barrier repair in mice (demo)"]
    assert (mice.pmid, mice.design.value, mice.population.value) == (
        "90000104",
        "animal",
        "animals",
    )

    reasons = [item.reason for item in by_status(result, batch.DUPLICATE)]
    assert any("Al geregistreerd" in reason for reason in reasons)  # same DOI as a stored source
    assert any("jansen_kefir_2022" in reason for reason in reasons)  # same title + year in the file
    invalid = {item.record.origin: item.reason for item in by_status(result, batch.INVALID)}
    assert "entry on line 32" in invalid
    assert "missing" in invalid["entry on line 32"]
    assert invalid["entry “zonder_titel_2017” (line 44)"] == "The record has no title."


def test_twenty_ris_records_with_their_proposals():
    result = preview("twenty-records.ris")
    assert result.count(batch.NEW) == 20
    designs = [item.record.design.value for item in result.items]
    assert designs[:4] == ["rct", "rct", "cohort", "case_control"]
    assert designs[12:14] == ["in_vitro", "animal"]
    assert designs[16:18] == ["narrative_review", "news"]
    first = result.items[0].record
    assert (first.authors, first.year, first.doi) == (
        "de Vries J, Bakker P",
        2011,
        "10.5555/demo.ris-01",
    )


def test_a_ris_record_without_its_end_tag_is_invalid_not_lost():
    result = preview("unterminated.ris")
    assert [item.status for item in result.items] == [batch.NEW, batch.INVALID]
    assert result.items[1].record.origin == "record on line 8"
    assert "ER  - " in result.items[1].reason


def test_a_zotero_csl_json_library_checked_against_our_schema():
    result = preview("zotero-library.json")
    statuses = [item.status for item in result.items]
    assert statuses == [
        batch.NEW,
        batch.NEW,
        batch.INVALID,
        batch.INVALID,
        batch.NEW,
        batch.DUPLICATE,
    ]
    synbiotic, news, untitled, bad_author, chapter, again = result.items
    assert (synbiotic.record.pmid, synbiotic.record.year) == ("90000201", 2019)
    assert synbiotic.record.design.value == "rct"
    assert news.record.design.value == "news" and news.record.url == ""
    assert "data:text/html" in news.record.notes[0]
    assert news.record.authors == "Redactie Wetenschap" and news.record.year == 2024
    assert untitled.reason == "The field “title” is missing."
    assert "“author” has the wrong type" in bad_author.reason
    assert chapter.record.design.value == "narrative_review" and chapter.record.year == 2018
    assert "item 1" in again.reason  # https://doi.org/10.5555/DEMO.CSL-1 is the same DOI


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.ris", None, "not UTF-8 text (byte 79"),
        ("malformed.json", None, "not valid JSON (line 4"),
        ("notes.txt", None, "not a BibTeX (.bib), RIS (.ris) or CSL-JSON"),
        ("empty.bib", b"% only a comment\n", "no records"),
        ("no-records.ris", b"just some text\n", "no record"),
    ],
)
def test_files_that_cannot_be_read(name, content, message):
    with pytest.raises(files.FileError, match=re.escape(message)):
        preview(name, content)


def test_utf16_and_byte_order_marks_are_read():
    text = (FILES / "unterminated.ris").read_text()
    for data in (codecs.BOM_UTF8 + text.encode(), text.encode("utf-16")):
        assert preview("export.ris", data).count(batch.NEW) == 1


def test_a_huge_file_is_refused_with_its_size(settings):
    data = (FILES / "twenty-records.ris").read_bytes() * 2000  # ~10 MB
    with pytest.raises(files.FileError, match=r"The file is 1\d\.\d\sMB; the limit is 5\.0\sMB"):
        preview("huge.ris", data)


def test_too_many_records_are_refused(settings):
    settings.SOURCE_IMPORT = {**settings.SOURCE_IMPORT, "MAX_RECORDS": 19}
    with pytest.raises(files.FileError, match="20 records; at most 19"):
        preview("twenty-records.ris")


def test_the_format_is_sniffed_when_the_name_says_nothing():
    content = (FILES / "zotero-export.bib").read_bytes()
    assert preview("export.txt", content).count(batch.NEW) == 4
    content = (FILES / "zotero-library.json").read_bytes()
    assert preview("export", content).count(batch.NEW) == 3
