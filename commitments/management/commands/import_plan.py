from django.utils.translation import gettext as _

from commitments.imports.command import ImportCommand


class Command(ImportCommand):
    kind = "matriz"
    plan_required = True

    @property
    def help(self):
        # Read when asked, in the language of the run (argparse wants a plain str).
        return _(
            "Importa la matriz del plan (ejes, objetivos, compromisos e indicadores) desde un "
            ".xlsx o .csv: todo o nada; termina con error si alguna fila tiene un problema."
        )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help=_("Crea los ejes y las dependencias que no existan (si no, es un error)."),
        )

    def options(self, options):
        return {
            "create_missing": options["create_missing"],
            "create_hint": _("usa --create-missing"),
        }
