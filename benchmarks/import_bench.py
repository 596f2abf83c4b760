"""Importing a generated 1,000-row plan matrix: dry run, real import, and the same file again.

Run: .venv/bin/python benchmarks/import_bench.py [--rows 1000] [--indicators 2]
It builds an empty plan (5 axes, 10 units) in a throwaway SQLite database, or in
BENCH_DATABASE_URL if set, writes a CSV of `rows` rows (`indicators` rows per commitment)
and times `MatrixImporter.run` as the admin and `import_plan` call it, then 1,000 measurements.
Goal: ≤ 10 s for the 1,000-row matrix on the project machine. Numbers only; asserts nothing.
"""

import argparse
import csv
import io
import time
from datetime import date

from pages_bench import setup_django

AS_OF = date(2026, 11, 25)


def build_plan():
    from commitments import services
    from commitments.models import ActionPlan, Axis, Exercise, Objective, ResponsibleUnit

    exercise = services.save(
        instance=Exercise(
            number=90, name="Banco", start_date=date(2025, 1, 1), end_date=date(2027, 12, 31)
        )
    )
    plan = services.save(instance=ActionPlan(exercise=exercise, title="Banco", slug="banco"))
    for n in range(5):
        axis = services.save(instance=Axis(plan=plan, name=f"Eje {n}", slug=f"banco-eje-{n}"))
        services.save(instance=Objective(axis=axis, title=f"Objetivo {n}"))
    for n in range(10):
        services.save(instance=ResponsibleUnit(name=f"Unidad {n}", acronym=f"U{n}", slug=f"u{n}"))
    return plan


def matrix_csv(rows, per_commitment):
    from tests.imports.files import MATRIX_HEADER

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MATRIX_HEADER)
    for n in range(rows):
        c, i = divmod(n, per_commitment)
        writer.writerow(
            [
                f"Eje {c % 5}",
                f"Objetivo {c % 5}",
                f"B-{c:04}",
                f"Acción {c}",
                "Descripción.",
                f"U{c % 10}",
                "",
                "Meta.",
                f"Indicador {i}",
                "%",
                "0",
                "100",
                "ascendente",
                "trimestral",
                "1",
                "01/02/2026",
                "30/11/2026",
                "Informe.",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def measurements_csv(plan, count):
    from commitments.models import Indicator

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Código", "Indicador", "Fecha", "Valor", "Comentario", "Evidencia"])
    indicators = list(Indicator.objects.filter(commitment__plan=plan).select_related("commitment"))
    for n in range(count):
        indicator = indicators[n % len(indicators)]
        day = date(2026, 3 + (n // len(indicators)) % 8, 28)
        writer.writerow(
            [indicator.commitment.code, indicator.name, day.isoformat(), n % 90, "", ""]
        )
    return out.getvalue().encode()


def timed(label, run):
    start = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - start
    status = outcome.summary()
    print(f"{label:<38} {seconds:7.2f} s   {status}")
    return outcome


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=2)
    args = parser.parse_args()
    folder = setup_django()
    from commitments.imports import importer
    from core import clock

    with clock.moment(AS_OF):
        plan = build_plan()
        content = matrix_csv(args.rows, args.indicators)
        print(
            f"Matriz: {args.rows} filas, {args.rows // args.indicators} compromisos, "
            f"{len(content) / 1024:.0f} KB"
        )

        def matrix(dry_run):
            return importer("matriz", plan=plan, publish=True).run(
                content, "matriz.csv", dry_run=dry_run
            )

        timed("matriz, revisión (dry run)", lambda: matrix(True))
        timed("matriz, importación publicando", lambda: matrix(False))
        timed("matriz, el mismo archivo otra vez", lambda: matrix(False))
        values = measurements_csv(plan, 1000)
        timed(
            "1000 avances, revisión (dry run)",
            lambda: importer("avances", plan=plan).run(values, "a.csv"),
        )
        timed(
            "1000 avances, importación",
            lambda: importer("avances", plan=plan).run(values, "a.csv", dry_run=False),
        )
    if folder:
        folder.cleanup()


if __name__ == "__main__":
    main()
