"""manage.py lint_text FILE --lang nl|en [--format text|json]: lint a draft outside the CMS.

For texts editors paste in from elsewhere. No claim is known, so markers in the
file count as marked with no known level. Offsets are code points into the
file decoded as UTF-8 (line breaks kept as they are), so text[start:end] is
the sentence. Exit status: 0 after linting, 2 when the file cannot be read.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from evidence import lexicon, linter


def line_and_column(text, offset):
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def print_findings(out, text, findings, states=None):
    for index, finding in enumerate(findings):
        line, column = line_and_column(text, finding.start)
        state = f" [{states[index]}]" if states else ""
        kind = _("blocks") if finding.blocking else _("warning")
        out.write(f"{line}:{column} {finding.category} ({kind}){state}: {finding.sentence}")
        out.write(f"    → {finding.suggestion}")
    if not findings:
        out.write(_("No findings."))


def read_text(name):
    """The file's text exactly as stored (no newline translation); '-' reads standard input."""
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError as missing:
        raise CommandError(
            _("File not found: %(name)s") % {"name": name}, returncode=2
        ) from missing
    except OSError as failed:
        raise CommandError(
            _("Cannot read %(name)s: %(why)s") % {"name": name, "why": failed.strerror},
            returncode=2,
        ) from failed
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as wrong:
        raise CommandError(
            _(
                "%(name)s is not UTF-8 text (byte %(at)d); save it as UTF-8 (plain text or Markdown) and try again."
            )
            % {"name": name, "at": wrong.start},
            returncode=2,
        ) from wrong


class Command(BaseCommand):
    help = _("Lints a plain-text or Markdown file that is not in the CMS for health claims.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The file to lint, or - for standard input."))
        parser.add_argument("--lang", required=True, choices=lexicon.LANGUAGES)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        text = read_text(options["file"])
        # Suggestions quote wording in the text's language, so they are written in it too.
        with translation.override(options["lang"]):
            found = linter.lint(text, options["lang"])
            if options["format"] == "json":
                payload = {"findings": [finding.as_dict() for finding in found]}
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            else:
                print_findings(self.stdout, text, found)
