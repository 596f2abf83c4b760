from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments import projection
from commitments.checks import check_plan
from commitments.imports.values import quoted
from commitments.models import ActionPlan
from core import clock


def contradictions(count):
    return ngettext("%(n)s contradicción", "%(n)s contradicciones", count) % {"n": count}


class Command(BaseCommand):
    @property
    def help(self):
        # Read when asked, in the language of the run (argparse wants a plain str).
        return _(
            "Busca contradicciones en los datos de un plan (fechas, sesiones, pesos, evidencias, "
            "cortes y ruta) y las lista; termina con error si encuentra alguna."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--plan",
            metavar=_("IDENTIFICADOR"),
            help=_("Identificador en la URL del plan; todos los planes si falta."),
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help=_(
                "Antes de revisar, recalcula desde sus datos el estado que leen las listas de "
                "cada compromiso."
            ),
        )

    def handle(self, *args, plan=None, rebuild=False, **options):
        plans = ActionPlan.objects.select_related("exercise").order_by("exercise__number", "id")
        if plan:
            plans = plans.filter(slug=plan)
            if not plans:
                raise CommandError(
                    _("No existe un plan con el identificador «%(slug)s».") % {"slug": plan}
                )
        found = 0
        for each in plans:
            if rebuild:
                projection.rebuild_all(each)
            messages = check_plan(each)
            found += len(messages)
            if not messages:
                self.stdout.write(_("«%(plan)s»: sin contradicciones.") % {"plan": each})
                continue
            self.stdout.write(f"{quoted(each)}: {contradictions(len(messages))}.")
            for message in messages:
                self.stdout.write(f"  - {message}")
        # An unmet obligation is a fact about the forum, not a contradiction in the data:
        # listed, but it does not make the command fail.
        self.check_secretariat()
        if found:
            raise CommandError(_("Se encontraron %(found)s.") % {"found": contradictions(found)})

    def check_secretariat(self):
        """The forum's own obligations on today (the panel /secretariado/obligaciones/)."""
        from secretariat import reader
        from secretariat.obligations import State

        checks = reader.obligations_on(clock.today())
        unmet = [check for check in checks if check.state == State.NOT_MET]
        self.stdout.write(
            _("Obligaciones del Secretariado: %(unmet)s de %(total)s sin cumplir.")
            % {"unmet": len(unmet), "total": len(checks)}
        )
        for check in checks:
            self.stdout.write(
                f"  - {check.state_label}: {check.rule.rule} {check.detail} "
                f"({_('Fuente')}: {check.rule.source})"
            )
