"""Imports at the sizes of issue 33: the matrix of a generated plan, exported by the project
itself and imported into an empty plan (dry run, real, the same file again), then
measurements of the new plan's indicators (dry run, real, the same file again).

Run: .venv/bin/python benchmarks/import_bench.py [--rows 1000] [--measurements 5000]
     [--profile matrix|measurements] [--profile-lines 40]
It works in a throwaway SQLite database, or in BENCH_DATABASE_URL if set, and prints for each
step the CPU seconds of this process, the wall seconds, the SQL statements and statements per
row. `--profile` runs that file's real import under cProfile and prints where the time went.
`make bench` reports the same steps in its table (`imports`). Numbers only; asserts nothing.
"""

import argparse
import cProfile
import csv
import io
import pstats
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import islice

AS_OF = date(2026, 11, 25)


@dataclass
class Step:
    label: str
    rows: int
    cpu: float
    wall: float
    queries: int
    outcome: object

    @property
    def per_row(self):
        return self.queries / self.rows if self.rows else 0.0

    def line(self):
        return (
            f"{self.label:<40} {self.cpu:7.2f} s CPU {self.wall:7.2f} s reloj "
            f"{self.queries:7} consultas ({self.per_row:.2f}/fila)   {self.outcome.summary()}"
        )


@contextmanager
def counting():
    """The SQL statements run inside (one per execute or executemany)."""
    from django.db import connection

    count = [0]

    def wrapper(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield count


def measure(label, rows, run):
    with counting() as count:
        started, wall = time.process_time(), time.perf_counter()
        outcome = run()
        cpu, wall = time.process_time() - started, time.perf_counter() - wall
    return Step(label, rows, cpu, wall, count[0], outcome)


def generated_plan(rows):
    """The synthetic plan (built once, reused while it is large enough)."""
    from commitments import synthetic
    from commitments.models import Indicator

    existing = synthetic.existing_plan()
    if existing is not None and Indicator.objects.filter(commitment__plan=existing).count() >= rows:
        return existing
    # A generated commitment has one or two indicators: as many commitments as rows always
    # give enough rows to cut the file at the size asked.
    plan, _counts = synthetic.build_plan(actions=rows, as_of=AS_OF, replace=True)
    return plan


def exported_matrix(plan, rows):
    """The first `rows` rows of the plan's matrix as its admin export writes them (CSV)."""
    from commitments.imports import export
    from commitments.models import Commitment

    columns, matrix_rows, _title = export.KINDS["matriz"]
    header = [str(column.name) for column in columns]
    return export.as_csv(header, islice(matrix_rows(Commitment.objects.filter(plan=plan)), rows))


def empty_plan():
    """A new plan with nothing in it, in an exercise of its own (the generated plan's period)."""
    from commitments import services
    from commitments.models import ActionPlan, Exercise

    exercise = Exercise.objects.filter(number=90).first() or services.save(
        instance=Exercise(
            number=90, name="Banco", start_date=date(2025, 1, 1), end_date=date(2027, 12, 31)
        )
    )
    number = ActionPlan.objects.filter(exercise=exercise).count() + 1
    return services.save(
        instance=ActionPlan(exercise=exercise, title=f"Banco {number}", slug=f"banco-{number}")
    )


def measurements_csv(plan, count):
    """`count` measurements of the plan's indicators, a few dates each, by name."""
    from commitments.models import Indicator

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Código", "Indicador", "Fecha", "Valor", "Comentario", "Evidencia"])
    indicators = list(
        Indicator.objects.filter(commitment__plan=plan)
        .select_related("commitment")
        .order_by("commitment__code", "order")
    )
    for n in range(count):
        indicator = indicators[n % len(indicators)]
        day = date(2026, 3 + (n // len(indicators)) % 8, 28)
        writer.writerow(
            [indicator.commitment.code, indicator.name, day.isoformat(), n % 90, "", ""]
        )
    return out.getvalue().encode()


def steps(rows, measurements, profile=None, profile_lines=40):
    """Every step, in order; `profile` ("matrix" or "measurements") profiles its real import."""
    from commitments import services
    from core import clock

    done = []
    with clock.moment(AS_OF):
        content = exported_matrix(generated_plan(rows), rows)
        plan = empty_plan()
        try:
            _steps(done, plan, content, rows, measurements, profile, profile_lines)
        finally:
            # Its commitments name the generated plan's units, which a later rebuild of the
            # generated plan deletes.
            services.drop_plan(plan=plan)
    return done


def _steps(done, plan, content, rows, measurements, profile, profile_lines):
    from commitments.imports import importer

    def matrix(dry_run):
        run = importer("matriz", plan=plan, publish=True, create_missing=True)
        return lambda: run.run(content, "matriz.csv", dry_run=dry_run)

    done.append(measure(f"matriz de {rows} filas, revisión", rows, matrix(True)))
    done.append(
        profiled(f"matriz de {rows} filas, importación", rows, matrix(False), profile_lines)
        if profile == "matrix"
        else measure(f"matriz de {rows} filas, importación", rows, matrix(False))
    )
    done.append(measure(f"matriz de {rows} filas, otra vez", rows, matrix(False)))
    values = measurements_csv(plan, measurements)

    def facts(dry_run):
        run = importer("avances", plan=plan)
        return lambda: run.run(values, "avances.csv", dry_run=dry_run)

    label = f"{measurements} avances"
    done.append(measure(f"{label}, revisión", measurements, facts(True)))
    done.append(
        profiled(f"{label}, importación", measurements, facts(False), profile_lines)
        if profile == "measurements"
        else measure(f"{label}, importación", measurements, facts(False))
    )
    done.append(measure(f"{label}, otra vez", measurements, facts(False)))


def profiled(label, rows, run, lines):
    profiler = cProfile.Profile()
    step = measure(label, rows, lambda: profiler.runcall(run))
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("tottime").print_stats(lines)
    return step


def main():
    from pages_bench import setup_django

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--measurements", type=int, default=5000)
    parser.add_argument("--profile", choices=["matrix", "measurements"])
    parser.add_argument("--profile-lines", type=int, default=40)
    args = parser.parse_args()
    folder = setup_django()
    for step in steps(args.rows, args.measurements, args.profile, args.profile_lines):
        print(step.line(), flush=True)
    if folder:
        folder.cleanup()


if __name__ == "__main__":
    main()
