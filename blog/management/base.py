"""What every Gutcheck management command shares."""

from django.core.management.base import BaseCommand


class TranslatedCommand(BaseCommand):
    """A command whose `help` is a lazy translation, shown in the active language.

    argparse formats the description with re.sub, which needs a real str; a lazy
    translation there made `--help` crash.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
