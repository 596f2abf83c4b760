from django.utils.translation import gettext as _

from commitments.imports.command import ImportCommand


class Command(ImportCommand):
    help = _(
        "Importa avances de hitos (Código, Hito, Fecha, Avance %, Estado, Evidencia) como "
        "borradores, o publicados con --publish; todo o nada."
    )
    kind = "hitos"
