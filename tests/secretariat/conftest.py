from datetime import date, time
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from core import clock
from secretariat import services
from secretariat.models import (
    AgendaItem,
    Agreement,
    Call,
    Member,
    RouteMilestone,
    Sector,
    Session,
)
from tests.conftest import TODAY  # noqa: F401  (the secretariat tests import it from here)


@pytest.fixture
def today(frozen_today):
    """Pages see 25 November 2026 (TODAY), whatever the real clock says."""
    return frozen_today


@pytest.fixture
def sectors(db):
    return SimpleNamespace(
        citizens=Sector.objects.create(name="Ciudadanía", slug="ciudadania", order=1),
        government=Sector.objects.create(name="Gobierno", slug="gobierno", order=2),
        academia=Sector.objects.create(name="Académico", slug="academico", order=3),
    )


def make_member(sector, **fields):
    values = {
        "kind": Member.Kind.CITIZEN,
        "role": Member.Role.MEMBER,
        "term_start": date(2025, 4, 30),
    } | fields
    return Member.objects.create(sector=sector, **values)


@pytest.fixture
def cast(sectors):
    """Five people: three in office with different consents, two who already left."""
    return SimpleNamespace(
        ana=make_member(
            sectors.citizens,
            name="Ana Ejemplar Ruiz",
            role=Member.Role.COORDINATOR,
            organization="Consejo de Colonos del Norte",
            profile="Ana coordina la mesa de participación.",
            email="ana.privado@ejemplo.invalid",
            phone="477 111 1111",
            publish_profile=True,
            publish_organization=True,
        ),
        beto=make_member(
            sectors.government,
            name="Beto Reservado Soto",
            kind=Member.Kind.PUBLIC_SERVANT,
            role=Member.Role.PRESIDENCY,
            organization="Oficina Reservada de Beto",
            profile="Semblanza que Beto no autorizó publicar.",
            email="beto.privado@ejemplo.invalid",
            phone="477 222 2222",
        ),
        carla=make_member(
            sectors.academia,
            name="Carla Invitada Pérez",
            kind=Member.Kind.PERMANENT_GUEST,
            role=Member.Role.GUEST,
            organization="Instituto que Carla no autorizó",
            profile="Carla investiga gobiernos locales.",
            email="carla.privado@ejemplo.invalid",
            phone="477 333 3333",
            publish_profile=True,
        ),
        diego=make_member(
            sectors.citizens,
            name="Diego Anterior Luna",
            term_end=date(2026, 1, 31),
            is_active=False,
            email="diego.privado@ejemplo.invalid",
            phone="477 444 4444",
        ),
        elena=make_member(
            sectors.government,
            name="Elena Concluida Vela",
            kind=Member.Kind.PUBLIC_SERVANT,
            term_end=date(2026, 6, 30),
            email="elena.privado@ejemplo.invalid",
        ),
    )


@pytest.fixture
def approval_session(cast):
    """The session that approved the plan: agenda, three of five present, mixed agreements."""
    # Announced a week ahead, held, its agreements recorded that day and followed on 1/10/2026.
    with clock.moment(date(2025, 8, 22)):
        session = services.save_session(
            session=Session(
                kind=Session.Kind.ORDINARY,
                number=2,
                date=date(2025, 8, 29),
                start_time=time(10, 0),
                place="Salón del Ayuntamiento",
                summary="Se aprobó el plan.",
            ),
            attendance=[],
        )
    with clock.moment(date(2025, 8, 29)):
        session.is_held = True
        services.save_session(session=session, attendance=[cast.ana, cast.beto, cast.diego])
        for order, title in enumerate(
            ["Lista de asistencia", "Aprobación del Plan de Acción", "Asuntos generales"], start=1
        ):
            services.save(instance=AgendaItem(session=session, order=order, title=title))
    statuses = [
        ("STMGA-2025-02-01", Agreement.Status.FULFILLED, "Aprobado por unanimidad."),
        ("STMGA-2025-02-02", Agreement.Status.IN_PROGRESS, "Tablero en pruebas."),
        ("STMGA-2025-02-03", Agreement.Status.PENDING, ""),
    ]
    for code, status, note in statuses:
        with clock.moment(date(2025, 8, 29)):
            agreement = services.save(
                instance=Agreement(
                    session=session,
                    code=code,
                    text=f"Texto del acuerdo {code}.",
                    responsible="Unidad de Transparencia",
                    due_date=date(2025, 12, 31),
                )
            )
        with clock.moment(date(2026, 10, 1)):
            services.record_follow_up(
                agreement=agreement, status=status, date=date(2026, 10, 1), note=note
            )
    return session


@pytest.fixture
def scheduled_session(db):
    with clock.moment(date(2026, 11, 20)):
        return services.save(
            instance=Session(kind=Session.Kind.ORDINARY, number=4, date=date(2026, 12, 11))
        )


@pytest.fixture
def call(db):
    return Call.objects.create(
        title="Convocatoria 2025 para integrar el Secretariado",
        slug="convocatoria-2025",
        published_on=date(2025, 2, 4),
        deadline=date(2025, 3, 7),
        text="Se invita a los consejos municipales a proponer integrantes.",
    )


def milestone(order, title, start, end=None, status=RouteMilestone.Status.PLANNED, **fields):
    return RouteMilestone.objects.create(
        order=order,
        title=title,
        stage=fields.pop("stage", RouteMilestone.Stage.FOLLOW_UP),
        start_date=start,
        end_date=end,
        status=status,
        **fields,
    )


@pytest.fixture
def route(db):
    """A short route around TODAY; `order` deliberately disagrees with dates at the end."""
    done, in_progress = RouteMilestone.Status.DONE, RouteMilestone.Status.IN_PROGRESS
    return SimpleNamespace(
        call=milestone(1, "Emisión de la convocatoria", date(2025, 2, 4), status=done),
        cocreation=milestone(
            2, "Mesas de cocreación", date(2025, 6, 9), date(2025, 6, 12), status=done
        ),
        implementation=milestone(
            3, "Implementación", date(2025, 9, 1), date(2027, 8, 31), status=in_progress
        ),
        review=milestone(
            4, "Revisión de medio término", date(2026, 10, 5), date(2026, 12, 4), in_progress
        ),
        late=milestone(5, "Corte atrasado sin iniciar", date(2026, 11, 2)),
        presentation=milestone(6, "Presentación de la revisión", date(2026, 12, 11)),
        final=milestone(7, "Autoevaluación final", date(2027, 8, 2), date(2027, 9, 30)),
        third_cut=milestone(8, "Tercer corte semestral", date(2027, 1, 29)),
    )


def make_agreement(session, code, *, status=None, followed_on=None, **fields):
    """An agreement recorded on its session's day, through the services; with `status`, one
    follow-up about `followed_on` (default: the session's day), public that day."""
    with clock.moment(session.date):
        agreement = services.save(
            instance=Agreement(session=session, code=code, text=fields.pop("text", "x"), **fields)
        )
    if status is not None:
        day = followed_on or session.date
        with clock.moment(day):
            services.record_follow_up(agreement=agreement, status=status, date=day)
    return agreement


HELD_ON = date(2026, 2, 20)
S = Agreement.Status


@pytest.fixture
def story(cast, today, settings, tmp_path):
    """A session held on 20/02/2026 (announced 06/02), its signed minutes on 02/03; one
    agreement due 31/05/2026 followed pendiente (20/02) → en proceso (15/04) → cumplido
    (10/06), and a late follow-up entered on 20/07 about 01/05. Elena's term ends 30/06."""
    settings.MEDIA_ROOT = tmp_path
    with clock.moment(date(2026, 2, 6)):
        session = services.save_session(
            session=Session(kind=Session.Kind.ORDINARY, number=1, date=HELD_ON), attendance=[]
        )
    with clock.moment(HELD_ON):
        session.is_held = True
        services.save_session(session=session, attendance=[cast.ana, cast.beto, cast.elena])
    with clock.moment(date(2026, 3, 2)):
        session.minutes.save("acta.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 900), save=False)
        services.save(instance=session)
    agreement = make_agreement(
        session,
        "STMGA-2026-01-01",
        text="Publicar el calendario de sesiones.",
        due_date=date(2026, 5, 31),
        status=S.PENDING,
    )
    for day, status, note in [
        (date(2026, 4, 15), S.IN_PROGRESS, "Borrador del calendario."),
        (date(2026, 6, 10), S.FULFILLED, "Calendario publicado."),
    ]:
        with clock.moment(day):
            services.record_follow_up(agreement=agreement, status=status, date=day, note=note)
    with clock.moment(date(2026, 7, 20)):
        services.record_follow_up(
            agreement=agreement, status=S.IN_PROGRESS, date=date(2026, 5, 1), note="Tardío."
        )
    return session, agreement
