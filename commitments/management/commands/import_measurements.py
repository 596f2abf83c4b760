from django.utils.translation import gettext as _

from commitments.imports.command import ImportCommand


class Command(ImportCommand):
    kind = "avances"

    @property
    def help(self):
        # Read when asked, in the language of the run (argparse wants a plain str).
        return _(
            "Importa avances de indicadores (Código, Indicador, Fecha, Valor, Comentario, "
            "Evidencia) como borradores, o publicados con --publish; todo o nada."
        )
