"""The admin site: its home groups the models by the task staff come to do, not by app.

Groups name models by "app_label.model_name". A model not named in any group (say, one the
plan's data layer adds later) still appears, under "Otros", so nothing registered is hidden.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _

from commitments import permissions
from core import clock

# (slug, heading, short description, models in the order shown)
GROUPS = [
    (
        "registrar-avance",
        _("Registrar avance"),
        _("Lo que las dependencias reportan: avances de indicadores, hitos y reportes de corte."),
        [
            "commitments.measurement",
            "commitments.milestoneprogress",
            "commitments.milestone",
            "commitments.roundreport",
            "commitments.evidence",
        ],
    ),
    (
        "pendientes",
        _("Pendientes"),
        _(
            "Lo que espera una respuesta: acuerdos sin cumplir, cortes de seguimiento y "
            "preguntas del público."
        ),
        [
            "secretariat.agreement",
            "engagement.question",
            "engagement.answer",
            "secretariat.agreementfollowup",
            "commitments.statusoverride",
            "commitments.reportinground",
            "commitments.modification",
        ],
    ),
    (
        "sesiones",
        _("Sesiones y Secretariado"),
        _("Sesiones con su asistencia y acuerdos, integrantes, convocatorias y la ruta."),
        [
            "secretariat.session",
            "secretariat.member",
            "secretariat.call",
            "secretariat.sector",
            "secretariat.routemilestone",
        ],
    ),
    (
        "plan",
        _("Plan"),
        _("El plan de acción: compromisos, indicadores y su estructura."),
        [
            "commitments.commitment",
            "commitments.indicator",
            "commitments.actionplan",
            "commitments.exercise",
            "commitments.axis",
            "commitments.objective",
            "commitments.pillar",
            "commitments.responsibleunit",
            "commitments.organization",
            "commitments.commitmentversion",
            "commitments.publication",
        ],
    ),
    (
        "valoracion",
        _("Valoración y cierre"),
        _("Valoraciones independientes, rúbricas e informes de cierre."),
        [
            "commitments.assessment",
            "commitments.transversalrating",
            "commitments.ratingrubric",
            "commitments.closingreport",
        ],
    ),
    (
        "participacion",
        _("Participación ciudadana"),
        _("Encuesta de diagnóstico, mesas de cocreación, propuestas y su destino."),
        [
            "participation.proposalfate",
            "participation.proposal",
            "participation.survey",
            "participation.cocreationtable",
            "participation.theme",
            "participation.resultsreport",
        ],
    ),
    (
        "cuentas",
        _("Cuentas de personal"),
        _("Quién entra a la administración y con qué permisos."),
        [
            "auth.user",
            "auth.group",
            "commitments.liaison",
            "axes.accessattempt",
            "axes.accessfailurelog",
            "axes.accesslog",
        ],
    ),
    (
        "sistema",
        _("Sistema"),
        _("Reportes PDF en preparación y otras tareas en segundo plano."),
        ["django_tasks_database.dbtaskresult"],
    ),
]
OTHERS = ("otros", _("Otros"), _("Todo lo demás que se puede editar aquí."))


def model_key(app, model):
    return f"{app['app_label']}.{model['object_name'].lower()}"


def group_models(app_list):
    """Regroup Django's per-app list into the task groups (empty groups are dropped)."""
    by_key = {model_key(app, model): model for app in app_list for model in app["models"]}
    placed = set()
    groups = []
    for slug, name, description, keys in GROUPS:
        models = [by_key[key] for key in keys if key in by_key]
        placed.update(key for key in keys if key in by_key)
        groups.append(_group(slug, name, description, models))
    leftover = [model for key, model in by_key.items() if key not in placed]
    groups.append(_group(*OTHERS, leftover))
    return [group for group in groups if group["models"]]


def _group(slug, name, description, models):
    return {
        "name": name,
        "app_label": slug,
        "app_url": "",
        "description": description,
        "has_module_perms": True,
        "models": models,
    }


class RoleAuthenticationForm(AdminAuthenticationForm):
    """Staff without a role are told why they cannot enter, instead of a bare refusal."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not permissions.has_role(user):
            raise ValidationError(
                _(
                    "Tu cuenta aún no tiene un rol (Secretariado técnico, Enlace de "
                    "dependencia o Unidad de Transparencia): pide a quien administra el "
                    "portal que te lo asigne."
                ),
                code="no_role",
            )


class PortalAdminSite(admin.AdminSite):
    site_header = _("Gobierno Abierto · Administración")
    site_title = _("Gobierno Abierto")
    index_title = _("¿Qué vas a hacer hoy?")
    login_form = RoleAuthenticationForm

    def has_permission(self, request):
        """Only active staff with a role (or superusers) use the admin."""
        return super().has_permission(request) and permissions.has_role(request.user)

    def get_urls(self):
        return [
            path("revision/", self.admin_view(self.review_queue), name="review_queue"),
            # Not admin_view: whoever may not open the file gets a 404, not a login page.
            path("archivos/<slug:kind>/<int:pk>/", self.fact_file, name="fact_file"),
            *super().get_urls(),
        ]

    def review_queue(self, request):
        from commitments.admin import review

        return review.review_queue(request, self)

    def fact_file(self, request, kind, pk):
        from commitments.admin import files

        return files.fact_file(request, kind, pk)

    def index(self, request, extra_context=None):
        from commitments.admin import review

        extra_context = {
            **(extra_context or {}),
            "liaison_home": review.liaison_home(request.user),
            "reviews_waiting": (
                review.count_submitted() if permissions.is_reviewer(request.user) else None
            ),
        }
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list  # An app's own page keeps Django's list.
        groups = group_models(app_list)
        self._add_overdue_shortcut(request, groups)
        return groups

    def _add_overdue_shortcut(self, request, groups):
        """Put "Acuerdos vencidos (N)" at the top of Pendientes, linking to that list."""
        from secretariat import reader

        pending = next((g for g in groups if g["app_label"] == "pendientes"), None)
        if pending is None or not request.user.has_perm("secretariat.view_agreement"):
            return
        try:
            url = reverse("admin:secretariat_agreement_changelist", current_app=self.name)
        except NoReverseMatch:
            return
        count = sum(a.is_overdue for a in reader.agreements_on(clock.today()))
        pending["models"].insert(
            0,
            {
                "name": _("Acuerdos vencidos (%(count)s)") % {"count": count},
                "object_name": "OverdueAgreement",
                "admin_url": f"{url}?vencido=si",
                "add_url": None,
                "view_only": True,
                "perms": {"view": True},
            },
        )
