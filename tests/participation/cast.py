"""A small cast for participation tests: a theme, a table, a survey, proposals and fates,
written through `participation.services` at the moments given."""

from datetime import date

from core import clock
from participation import services
from participation.models import CocreationTable, Origin, Outcome, Proposal, Survey, Theme

TABLE_DAY = date(2025, 6, 9)
DECIDED = date(2025, 8, 29)
PUBLISHED = date(2025, 9, 10)
CHANGED = date(2026, 6, 19)


def make_theme(slug="datos-abiertos", name="Datos abiertos"):
    return services.save(instance=Theme(slug=slug, name=name))


def make_table(theme=None, day=TABLE_DAY, counts=None):
    with clock.moment(day):
        table = services.save(
            instance=CocreationTable(date=day, theme=theme or make_theme(), facilitators="Org A")
        )
        services.set_attendance(table=table, counts=counts or {"academia": 10, "ciudadania": 5})
    return table


def make_survey(responses=500):
    with clock.moment(date(2025, 5, 16)):
        return services.save(
            instance=Survey(
                title="Encuesta de prueba",
                start_date=date(2025, 5, 16),
                end_date=date(2025, 5, 23),
                spread="Redes sociales",
                responses=responses,
            )
        )


def make_proposal(table, number=1, text="Publicar los datos de obra pública.", **fields):
    with clock.moment(table.date):
        return services.save(
            instance=Proposal(
                number=number,
                origin=Origin.TABLE,
                table=table,
                theme=table.theme,
                text=text,
                **fields,
            )
        )


def fate(proposal, outcome=Outcome.INCORPORATED, on=PUBLISHED, publish=True, **fields):
    fields.setdefault("reason", "Motivo de prueba.")
    with clock.moment(on):
        return services.record_fate(
            proposal=proposal, date=DECIDED, outcome=outcome, publish=publish, **fields
        )


def change(old, on=CHANGED, reason="Cambió de destino.", **changes):
    with clock.moment(on):
        return services.correct(fact=old, reason=reason, **changes)
