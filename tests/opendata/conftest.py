from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments import services
from commitments.models import Measurement
from core import clock
from portal.demo_files import pdf
from secretariat import services as secretariat_services
from secretariat.models import Agreement, RouteMilestone, Session
from tests.commitments import builders

PDF = pdf("Acta de entrega del catálogo")
MEASURED_ON = date(2026, 3, 31)
MEASUREMENT_PUBLIC_ON = date(2026, 4, 10)
CORRECTED_ON = date(2026, 5, 4)
DRAFT_NARRATIVE = "Borrador secreto que nadie publicó"
DRAFT_EVIDENCE = "Evidencia en borrador"
HIDDEN_COMMITMENT = "Compromiso que aún no se publica"
STAFF_EMAIL = "enlace.privado@leon.gob.mx"
STAFF_USERNAME = "enlace_privado"
PENDING_ON = date(2026, 7, 1)
FULFILLED_ON = date(2026, 9, 1)


def held_session_with_agreement(number, day, code):
    """A session held on `day` and one agreement recorded then, through the services."""
    with clock.moment(day):
        session = secretariat_services.save(
            instance=Session(
                kind=Session.Kind.ORDINARY,
                number=number,
                date=day,
                is_held=True,
                held_without_quorum_note="Prueba sin integrantes registrados.",
            )
        )
        agreement = secretariat_services.save(
            instance=Agreement(
                session=session, code=code, text="Revisar el catálogo.", responsible="DGIG"
            )
        )
    return session, agreement


@dataclass
class Cast:
    plan: object
    commitment: object
    indicator: object
    milestone: object
    measurement: object
    correction: object
    evidence: object
    session: object
    agreement: object


@pytest.fixture
def cast(db, frozen_today, settings, tmp_path, django_user_model):
    """A plan with one commitment and one of each record the downloads publish; a draft and
    a staff account that must never appear in them."""
    settings.MEDIA_ROOT = tmp_path
    staff = django_user_model.objects.create_superuser(STAFF_USERNAME, STAFF_EMAIL, "x")
    plan = builders.make_plan()
    commitment = builders.make_commitment(
        plan,
        "DA-01",
        indicators=[{"name": "Conjuntos publicados", "unit": "conjuntos"}],
        milestones=[{"title": "Inventario de datos"}],
    )
    indicator = commitment.indicators.get()
    milestone = commitment.milestones.get()
    with clock.moment(MEASUREMENT_PUBLIC_ON):
        measurement = services.record_measurement(
            indicator=indicator, date=MEASURED_ON, value=40, publish=True, by=staff
        )
    with clock.moment(CORRECTED_ON):
        correction = services.correct(fact=measurement, reason="Se sumó mal.", value=42, by=staff)
    builders.add_measurement(
        indicator, date(2026, 6, 30), 77, draft=True, narrative=DRAFT_NARRATIVE
    )
    builders.add_evidence(milestone, title=DRAFT_EVIDENCE, draft=True)
    builders.make_commitment(plan, "DA-99", publish=False, title=HIDDEN_COMMITMENT)
    evidence = builders.add_evidence(
        milestone,
        title="Acta de entrega",
        day=date(2026, 4, 1),
        evidence_url="",
        evidence_file=SimpleUploadedFile("acta.pdf", PDF),
    )
    builders.add_progress(milestone, date(2026, 4, 1), 40, published_on=date(2026, 4, 2))
    round_ = builders.add_round(plan, 1, date(2026, 6, 30), deadline=date(2026, 7, 31))
    builders.file_report(round_, commitment, date(2026, 7, 20), narrative="Reporte del corte.")
    session, agreement = held_session_with_agreement(2, date(2026, 6, 12), "STMGA-2026-02-01")
    for day, status, note in (
        (PENDING_ON, Agreement.Status.PENDING, "Sin avance."),
        (FULFILLED_ON, Agreement.Status.FULFILLED, "Se revisó."),
    ):
        with clock.moment(day):
            secretariat_services.record_follow_up(
                agreement=agreement, status=status, date=day, note=note
            )
    RouteMilestone.objects.create(
        order=1,
        title="Instalación del Secretariado",
        stage=RouteMilestone.Stage.INSTALLATION,
        start_date=date(2025, 3, 1),
        status=RouteMilestone.Status.DONE,
    )
    assert Measurement.objects.count() == 3
    return Cast(
        plan,
        commitment,
        indicator,
        milestone,
        measurement,
        correction,
        evidence,
        session,
        agreement,
    )
