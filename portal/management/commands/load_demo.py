from django.apps import apps
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

from commitments import demo
from commitments.models import Exercise
from core.content_version import CONTENT_APPS, bump_content_version
from secretariat import demo as secretariat_demo


def content_tables():
    """Every table of the plan and the Secretariado (not staff accounts nor the admin log)."""
    return [
        model._meta.db_table
        for label in sorted(CONTENT_APPS)
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


class Command(BaseCommand):
    help = (
        "Carga los datos de demostración de León 2025-2027 (pilares, ejes, ruta, Secretariado "
        "y compromisos de ejemplo). Se puede correr varias veces sin duplicar nada. Con "
        "--reset borra antes todo el plan y el Secretariado (también lo capturado a mano); "
        "las cuentas de personal y los archivos subidos se conservan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="No hace nada si la base ya tiene algún ejercicio registrado.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Borra todos los ejercicios, planes, compromisos, avances, integrantes, "
                "sesiones, acuerdos, convocatorias y la ruta antes de cargar la demostración."
            ),
        )

    def handle(self, *args, if_empty=False, reset=False, **options):
        if if_empty and Exercise.objects.exists():
            self.stdout.write("La base ya tiene datos; no se cargó la demostración.")
            return
        with transaction.atomic():
            if reset:
                tables = content_tables()
                connection.ops.execute_sql_flush(
                    connection.ops.sql_flush(
                        no_style(), tables, reset_sequences=True, allow_cascade=True
                    )
                )
                self.stdout.write(
                    f"Se borraron los datos de {len(tables)} tablas del plan y del Secretariado."
                )
            plan = demo.load()
            secretariat_demo.link_commitments()
        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos de demostración cargados: «{plan}» con "
                f"{plan.commitments.count()} compromisos de ejemplo."
            )
        )
