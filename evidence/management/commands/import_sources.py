from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from evidence.importers import batch, files, identifiers
from evidence.models import Source

FILE_SUFFIXES = set(files.EXTENSIONS)


class Command(BaseCommand):
    help = _(
        "Import sources from BibTeX, RIS or CSL-JSON files, DOIs (Crossref) and PMIDs (PubMed). Shows what it found, asks for confirmation, then saves the new sources."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="FILE|DOI|PMID")
        parser.add_argument(
            "--yes", action="store_true", help=_("Save without asking for confirmation.")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Only report what would be imported.")
        )

    def handle(self, *args, **options):
        # Operators read the site's language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self.run(**options)

    def run(self, inputs=(), yes=False, dry_run=False, **options):
        preview = self.build_preview(inputs)
        self.show(preview)
        if not preview.has_valid:
            raise CommandError(_("Nothing valid to import; nothing was saved."))
        new = preview.count(batch.NEW)
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
            return
        if not new:
            self.stdout.write(_("Nothing new to import."))
            return
        if not yes and not self.confirm(new):
            self.stdout.write(_("Nothing was saved."))
            return
        self.save(preview, new)

    def build_preview(self, inputs):
        pairs, tokens = [], []
        for value in inputs:
            path = Path(value)
            if path.is_file():
                pairs += self.read_file(path)
            elif path.suffix.lower() in FILE_SUFFIXES:
                raise CommandError(_("No such file: %(path)s") % {"path": value})
            else:
                tokens.append(value)
        found, problems = identifiers.parse(" ".join(tokens))
        if found:
            with tqdm(total=len(found), desc=_("Fetching"), unit="id", disable=None) as bar:
                pairs += batch.fetch(found, progress=lambda: bar.update(1))
        return batch.Preview(", ".join(inputs)[:200], batch.classify(pairs), problems)

    def read_file(self, path):
        try:
            return files.parse_file(path.name, path.read_bytes())
        except files.FileError as error:
            raise CommandError(f"{path}: {error}") from error
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error

    def show(self, preview):
        for problem in preview.problems:
            self.stderr.write(self.style.ERROR(problem))
        for item in preview.items:
            self.show_item(item)
        self.stdout.write(
            _("Summary: %(new)d new, %(duplicate)d duplicate(s), %(invalid)d invalid.")
            % {
                status: preview.count(status)
                for status in (batch.NEW, batch.DUPLICATE, batch.INVALID)
            }
        )

    def show_item(self, item):
        record = item.record
        label = {
            batch.NEW: self.style.SUCCESS(_("new")),
            batch.DUPLICATE: self.style.WARNING(_("duplicate")),
            batch.INVALID: self.style.ERROR(_("invalid")),
        }[item.status]
        self.stdout.write(f"{label:<10} {record.title or record.origin}  [{record.origin}]")
        if item.status == batch.NEW:
            design = Source.Design(record.design.value).label
            population = Source.Population(record.population.value).label
            self.stdout.write(f"           {_('study design')}: {design} — {record.design.reason}")
            self.stdout.write(
                f"           {_('population')}: {population} — {record.population.reason}"
            )
            for notice in record.notices:
                self.stdout.write(self.style.WARNING(f"           ! {notice.text}"))
        if item.reason:
            self.stdout.write(f"           {item.reason}")
        for note in record.notes:
            self.stdout.write(f"           {note}")

    def confirm(self, new):
        question = _("Import %(count)d new source(s)? [y/N] ") % {"count": new}
        try:
            answer = input(question)
        except EOFError as error:
            raise CommandError(
                _("No answer to the question (no terminal?); nothing was saved. Use --yes.")
            ) from error
        return answer.strip().lower() in {"y", "yes", "j", "ja"}

    def save(self, preview, new):
        with tqdm(total=new, desc=_("Saving"), unit="source", disable=None) as bar:
            saved = batch.save(
                preview, batch.proposed_choices(preview), progress=lambda: bar.update(1)
            )
        for item, reason in saved.skipped:
            self.stderr.write(self.style.ERROR(f"{item.record.origin}: {reason}"))
        self.stdout.write(
            self.style.SUCCESS(
                _("Saved %(count)d new source(s). Check the proposed designs in the admin.")
                % {"count": len(saved.created)}
            )
        )
        if not saved.created:
            raise CommandError(_("No source was saved."))
