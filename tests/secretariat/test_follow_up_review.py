"""An agreement whose responsible is a unit of the plan: its liaison reports the follow-up,
the Secretariado técnico publishes it (the plan's review workflow, issue 31); an agreement
of another unit is out of the liaison's reach; the page links the unit."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from commitments import services as plan_services
from commitments.models import FactStatus
from core import clock
from secretariat import reader, services
from secretariat.models import Agreement, AgreementFollowUp
from tests.commitments import builders
from tests.roles.conftest import account

from .conftest import make_agreement
from .html import parse

DAY = date(2026, 10, 5)


@pytest.fixture
def units(db):
    return builders.make_unit("DIF"), builders.make_unit("IMPLAN")


@pytest.fixture
def unit_agreements(approval_session, units):
    own = make_agreement(approval_session, "U-01", responsible_unit=units[0])
    other = make_agreement(approval_session, "U-02", responsible_unit=units[1])
    return own, other


def test_the_liaison_reports_and_the_secretariat_publishes(
    django_user_model,
    unit_agreements,
    units,
    today,
):
    liaison = account(django_user_model, "enlace-dif", "enlace", units=[units[0]])
    reviewer = account(django_user_model, "stmga", "secretariado")
    own, other = unit_agreements
    with clock.moment(DAY):
        draft = services.record_follow_up(
            agreement=own, status=Agreement.Status.IN_PROGRESS, date=DAY, publish=False, by=liaison
        )
        with pytest.raises(ValidationError, match="no es de tu dependencia"):
            services.record_follow_up(
                agreement=other, status=Agreement.Status.FULFILLED, date=DAY, by=liaison
            )
        with pytest.raises(ValidationError, match="Solo el Secretariado técnico publica"):
            plan_services.publish(fact=draft, by=liaison)
        plan_services.submit(fact=draft, by=liaison)
    assert reader.agreements_on(DAY, session=own.session)[3].status == Agreement.Status.PENDING
    with clock.moment(DAY):
        plan_services.publish(fact=draft, by=reviewer)
    assert AgreementFollowUp.objects.get(pk=draft.pk).status == FactStatus.PUBLISHED
    shown = {a.code: a for a in reader.agreements_on(DAY, session=own.session)}
    assert shown["U-01"].status == Agreement.Status.IN_PROGRESS
    assert shown["U-01"].responsible.url == f"/dependencias/{units[0].slug}/"


def test_the_session_page_links_the_responsible_unit(client, unit_agreements, units):
    own, _other = unit_agreements
    page = parse(client.get(own.session.get_absolute_url()))
    item = page.find("li", id="u-01")
    assert item.find("a", href=f"/dependencias/{units[0].slug}/").text == units[0].name


def test_the_admin_lists_follow_ups_and_each_agreement_status_today(admin_client, approval_session):
    follow_ups = admin_client.get("/admin/secretariat/agreementfollowup/").content.decode()
    assert "STMGA-2025-02-02" in follow_ups and "En proceso" in follow_ups
    assert (
        "Se guarda como borrador"
        in admin_client.get("/admin/secretariat/agreementfollowup/add/").content.decode()
    )
    agreements = parse(admin_client.get("/admin/secretariat/agreement/?vencido=si"))
    table = agreements.find("table", id="result_list")
    codes = {" ".join(tr.find("th").text.split()) for tr in table.find("tbody").find_all("tr")}
    assert codes == {"STMGA-2025-02-02", "STMGA-2025-02-03"}
