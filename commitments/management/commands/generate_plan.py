import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from commitments import synthetic
from core import clock


def positive(value):
    number = int(value)
    if number < 1:
        raise ValueError
    return number


class Command(BaseCommand):
    help = (
        "Genera un plan sintético de N acciones para medir el rendimiento (datos de ejemplo, "
        "en su propio ejercicio). Es el plan publicado más reciente mientras exista."
    )

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--actions", type=positive, help="Número de acciones.")
        what.add_argument(
            "--drop", action="store_true", help="Borra el plan sintético y no crea otro."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Semilla: la misma semilla da el mismo plan."
        )
        parser.add_argument(
            "--replace", action="store_true", help="Borra antes el plan sintético anterior."
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="Día al que se fechan los datos (AAAA-MM-DD); hoy por omisión.",
        )

    def handle(self, *args, actions, drop, seed, replace, as_of, **options):
        if drop:
            dropped = synthetic.drop()
            self.stdout.write("Plan sintético borrado." if dropped else "No había plan sintético.")
            return
        as_of = as_of or clock.today()
        started = time.perf_counter()
        try:
            plan, counts = synthetic.build_plan(
                actions=actions, seed=seed, as_of=as_of, replace=replace
            )
        except synthetic.SyntheticPlanExists as error:
            raise CommandError(
                "Ya existe un plan sintético; use --replace para sustituirlo."
            ) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Plan sintético «{plan}» al {as_of:%d/%m/%Y} (semilla {seed}) "
                f"creado en {elapsed:.1f} s:"
            )
        )
        for label, count in counts.items():
            self.stdout.write(f"  {count:>8,} {label}")
