from django.core.management.base import BaseCommand

from commitments import demo
from commitments.models import Exercise


class Command(BaseCommand):
    help = (
        "Carga los datos de demostración de León 2025-2027 (pilares, ejes, ruta, Secretariado "
        "y compromisos de ejemplo). Cada corrida borra la demostración anterior y vuelve a "
        "contar su historia, fecha por fecha."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="No hace nada si la base ya tiene algún ejercicio registrado.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Exercise.objects.exists():
            self.stdout.write("La base ya tiene datos; no se cargó la demostración.")
            return
        plan = demo.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos de demostración cargados: «{plan}» con "
                f"{plan.commitments.count()} compromisos de ejemplo."
            )
        )
