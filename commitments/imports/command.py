"""What the three import commands share: arguments, the progress bar and the report."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from commitments.imports import importer
from commitments.models import ActionPlan

BAR_WIDTH = 30
# Files shorter than this finish before a bar would say anything.
BAR_FROM_ROWS = 200


def find_plan(typed):
    """A plan by id or slug; without one, the current published plan."""
    if not typed:
        plan = ActionPlan.objects.current()
        if plan is None:
            raise CommandError(_("No hay un plan publicado: indica cuál con --plan."))
        return plan
    lookup = Q(slug=typed) | Q(pk=int(typed)) if typed.isdigit() else Q(slug=typed)
    plan = ActionPlan.objects.filter(lookup).select_related("exercise").first()
    if plan is None:
        raise CommandError(
            _("No existe un plan con el id o identificador «%(plan)s».") % {"plan": typed}
        )
    return plan


def find_user(username):
    """The staff account the import acts as; None: the system's own import."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("No existe una cuenta activa «%(user)s».") % {"user": username})
    return user


def progress_bar(stream):
    def show(done, total, stage):
        if total < BAR_FROM_ROWS:
            return
        filled = round(BAR_WIDTH * done / total)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        line = f"{stage}: [{bar}] {done}/{total}"
        stream.write(line, ending="\n" if done == total else "\r")
        stream.flush()

    return show


class ImportCommand(BaseCommand):
    kind = ""
    plan_required = False

    def add_arguments(self, parser):
        parser.add_argument("file", metavar=_("ARCHIVO"), help=_("Archivo .xlsx o .csv"))
        parser.add_argument(
            "--plan",
            required=self.plan_required,
            help=_("Id o identificador en la URL del plan (por omisión, el plan publicado)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Solo revisa y muestra qué cambiaría; no guarda nada."),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("Publica lo importado (si no, queda como borrador o copia de trabajo)."),
        )
        parser.add_argument("--sheet", help=_("Hoja del archivo .xlsx (por omisión, la primera)."))
        parser.add_argument(
            "--user",
            help=_(
                "Cuenta de personal con la que se importa (un enlace solo importa los "
                "compromisos de sus dependencias); por omisión, el sistema."
            ),
        )

    def options(self, options):
        return {}

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("No se puede leer «%(file)s»: %(error)s.")
                % {"file": path, "error": error.strerror}
            ) from None
        run = importer(
            self.kind,
            plan=find_plan(options["plan"]),
            publish=options["publish"],
            by=find_user(options["user"]),
            progress=progress_bar(self.stderr),
            **self.options(options),
        )
        outcome = run.run(data, path.name, dry_run=options["dry_run"], sheet=options["sheet"])
        self.report(outcome)
        if not outcome.ok:
            raise CommandError(outcome.summary())

    def report(self, outcome):
        for note in outcome.notes:
            self.stdout.write(note)
        if outcome.ok:
            for preview in outcome.previews:
                line = _("Fila %(row)s · %(label)s: %(kind)s") % {
                    "row": preview.row,
                    "label": preview.label,
                    "kind": preview.kind_label,
                }
                changes = "; ".join(f"{c}: {old} → {new}" for c, old, new in preview.changes)
                self.stdout.write(f"{line} ({changes})" if changes else line)
        for problem in outcome.problems:
            self.stderr.write(str(problem))
        if outcome.ok:
            self.stdout.write(outcome.summary())
            self.stdout.write(_("Tiempo: %(s).1f s.") % {"s": outcome.seconds})
