from django.utils.translation import gettext as _

from commitments.imports.command import ImportCommand


class Command(ImportCommand):
    kind = "hitos"

    @property
    def help(self):
        # Read when asked, in the language of the run (argparse wants a plain str).
        return _(
            "Importa avances de hitos (Código, Hito, Fecha, Avance %, Estado, Evidencia) como "
            "borradores, o publicados con --publish; todo o nada."
        )
