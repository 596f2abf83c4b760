"""Admin actions that download an object's report (staff wait for a cold build)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from commitments import reader
from core import clock
from portal.reports import views
from portal.reports.documents import CommitmentSheet, PlanReport, SessionMinutes


def _download(make_report, description):
    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            modeladmin.message_user(
                request, _("Elige uno solo para descargar su reporte."), messages.WARNING
            )
            return None
        report = make_report(chosen[0])
        if report is None:
            modeladmin.message_user(
                request,
                _("Aún no es público: el reporte muestra solo lo publicado. Publícalo primero."),
                messages.WARNING,
            )
            return None
        return views.send(request, report, wait=True)

    action.__name__ = f"download_{make_report.__name__}"
    return action


def plan(plan):
    today = clock.today()
    return PlanReport(plan, today) if plan in reader.published_plans(today) else None


def commitment(commitment):
    sheet = CommitmentSheet(commitment, clock.today())
    return sheet if sheet.view is not None else None


def session(session):
    return SessionMinutes(session, clock.today())


download_plan = _download(plan, _("Descargar el Plan de Acción completo en PDF"))
download_commitment = _download(commitment, _("Descargar la ficha del compromiso en PDF"))
download_session = _download(session, _("Descargar el acta de la sesión en PDF"))
