"""Who may do what with the plan: the three staff roles and a liaison's units.

The roles are Django groups (created by migration commitments 0004 with their exact model
permissions); this module answers the questions those permissions cannot: which
commitments a liaison reports for, and who may submit, review and publish a fact. The
services ask it when they are told who acts (`by=`); the admin asks it to scope what a
liaison sees. Writes without a user (demo, importers, commands) are the system's own.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

SECRETARIAT = "Secretariado técnico"
LIAISON = "Enlace de dependencia"
TRANSPARENCY = "Unidad de Transparencia"
ROLES = {"secretariado": SECRETARIAT, "enlace": LIAISON, "transparencia": TRANSPARENCY}

# Per public-fact model, its path to the commitment it reports on.
COMMITMENT_PATHS = {
    "Measurement": "indicator__commitment",
    "MilestoneProgress": "milestone__commitment",
    "Evidence": "commitment",
    "RoundReport": "commitment",
    "RoundReportEntry": "report__commitment",
    "StatusOverride": "commitment",
    "Assessment": "commitment",
    "TransversalRating": "commitment",
    "ClosingReport": "commitment",
    "Indicator": "commitment",
    "Milestone": "commitment",
    "CoResponsibility": "commitment",
    "Modification": "commitment",
    "CommitmentVersion": "commitment",
    # engagement: questions on a commitment and their answers
    "Question": "commitment",
    "Answer": "question__commitment",
}


def _groups(user):
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_groups = cached
    return cached


def has_role(user):
    """Superusers and members of one of the three roles may use the admin."""
    return bool(getattr(user, "is_superuser", False) or _groups(user) & set(ROLES.values()))


def is_liaison(user):
    """A liaison who is nothing more: their view of the plan is limited to their units."""
    return (
        user is not None
        and not user.is_superuser
        and LIAISON in _groups(user)
        and not _groups(user) & {SECRETARIAT, TRANSPARENCY}
    )


def is_reviewer(user):
    """May publish, return and correct facts (the Secretariado técnico, superusers)."""
    return user is None or user.is_superuser or SECRETARIAT in _groups(user)


def may_publish_plan(user):
    return user is None or user.is_superuser or bool(_groups(user) & {SECRETARIAT, TRANSPARENCY})


def unit_ids(user):
    liaison = getattr(user, "liaison", None) if user is not None else None
    if liaison is None:
        return []
    return list(liaison.units.values_list("pk", flat=True))


def commitment_filter(user, path=""):
    """A Q selecting the commitments `user` reports for, reached through `path`."""
    prefix = f"{path}__" if path else ""
    units = unit_ids(user)
    return Q(**{f"{prefix}unit__in": units}) | Q(**{f"{prefix}co_responsibles__unit__in": units})


def scope(queryset, user, path=""):
    """`queryset` limited to what `user` may see: everything, or a liaison's commitments."""
    if not is_liaison(user):
        return queryset
    from commitments.models import Commitment

    commitments = Commitment.objects.filter(commitment_filter(user))
    key = f"{path}__in" if path else "pk__in"
    return queryset.filter(**{key: commitments.values("pk")})


def commitment_of(instance):
    path = COMMITMENT_PATHS.get(type(instance).__name__)
    if path is None:
        return instance if type(instance).__name__ == "Commitment" else None
    obj = instance
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


def in_scope(user, instance):
    if not is_liaison(user):
        return True
    # A fact reported by units rather than about a commitment (a Secretariado agreement's
    # follow-up) names them itself.
    reporting_units = getattr(instance, "reporting_unit_ids", None)
    if reporting_units is not None:
        return bool(set(reporting_units()) & set(unit_ids(user)))
    commitment = commitment_of(instance)
    if commitment is None or commitment.pk is None:
        return False
    from commitments.models import Commitment

    return Commitment.objects.filter(commitment_filter(user), pk=commitment.pk).exists()


# --- what the services check ---------------------------------------------------------


def require_reviewer(user):
    if not is_reviewer(user):
        raise ValidationError(
            _(
                "Solo el Secretariado técnico publica, devuelve o corrige lo que se reporta; "
                "envíalo a revisión."
            )
        )


def require_in_scope(user, instance):
    if not in_scope(user, instance):
        raise ValidationError(
            _("Ese compromiso no es de tu dependencia: solo reportas los de tus dependencias.")
        )


def require_editor(user, instance):
    """Liaisons write only drafts of their own commitments of a plan still running; reviewers
    write anything."""
    if user is None or is_reviewer(user):
        return
    if not is_liaison(user):
        raise ValidationError(_("Tu cuenta no puede registrar avances."))
    require_in_scope(user, instance)
    commitment = commitment_of(instance)
    if commitment is not None:
        require_open_plan(user, commitment.plan)


def require_open_plan(user, plan):
    """A finished plan is the record: liaisons only read it; the Secretariado may still
    correct it (with a public reason)."""
    if is_liaison(user) and plan.is_closed():
        raise ValidationError(closed_plan_message(plan))


def closed_plan_message(plan):
    return _(
        "El plan «%(plan)s» ya concluyó: sus datos son solo de consulta para las dependencias. "
        "Si hay que corregir algo, pídelo al Secretariado técnico."
    ) % {"plan": plan.title}
