"""The plan's tables: commitments, indicators, measurements, milestones and their progress,
evidence, reporting rounds and reports, and versions."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from commitments.models import Dimension, ReportStatus
from commitments.semaforo import Status
from opendata.tables import (
    BOOLEAN,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    STRING,
    Column,
    ForeignKey,
    Table,
    english,
)


def _moment(value):
    return timezone.localtime(value) if value else None


def _percent(value):
    return None if value is None else round(value, 1)


def _label(choices, value):
    return str(choices(value).label) if value else ""


def _joined(values):
    return "; ".join(str(v) for v in values if v)


def _parties(row):
    return _joined(f"{ref} ({role})" if role else str(ref) for _kind, ref, role in row.co_parties)


def _rating(dimension):
    return lambda c: c.ratings.get(dimension, "")


def _rating_text(dimension):
    return _("Valoración transversal publicada (ninguno, bajo, medio, alto): %(name)s.") % {
        "name": dimension.label
    }


# Lazy as the other descriptions: the name is put in when it is read, in that language.
_rating_description = lazy(_rating_text, str)


CORRECTION_COLUMNS = (
    Column(
        "hecho_publico_el",
        DATETIME,
        _("Momento en que el dato se hizo público (lo registra el sistema; hora de México)."),
        lambda f: _moment(f.published_at),
    ),
    Column(
        "corrige_a",
        INTEGER,
        _("Si este registro corrige o retira otro, el id del registro que sustituye."),
        lambda f: f.supersedes,
    ),
    Column(
        "motivo_de_correccion",
        STRING,
        _("Motivo público de la corrección o del retiro."),
        lambda f: f.details.get("correction_reason", ""),
    ),
    Column(
        "es_retiro",
        BOOLEAN,
        _("Verdadero si el registro retira el dato que corrige (deja de contar)."),
        lambda f: f.withdrawn,
    ),
    Column(
        "vigente",
        BOOLEAN,
        _("Verdadero si era el dato en vigor ese día (ni sustituido ni retiro)."),
        lambda f: f.in_force,
    ),
)

COMMITMENTS = Table(
    name="compromisos",
    title=_("Compromisos"),
    description=_(
        "Cada compromiso público del plan con la fila completa de la matriz en su versión "
        "vigente, su semáforo, su avance y su avance esperado ese día."
    ),
    primary_key=("id",),
    records=lambda s: s.every("commitments"),
    columns=(
        Column("id", INTEGER, _("Identificador estable del compromiso."), lambda c: c.row.pk),
        Column("plan", STRING, _("Identificador del plan de acción."), lambda c: c.plan_slug),
        Column(
            "clave",
            STRING,
            _("Clave del compromiso en el plan, p. ej. DA-01."),
            lambda c: c.row.code,
        ),
        Column("accion", STRING, _("La acción comprometida."), lambda c: c.row.title),
        Column("descripcion", STRING, _("Descripción de la acción."), lambda c: c.row.description),
        Column("eje", STRING, _("Eje o herramienta del plan."), lambda c: c.row.axis.name),
        Column(
            "objetivo", STRING, _("Objetivo al que contribuye."), lambda c: c.row.objective.name
        ),
        Column(
            "dependencia_responsable",
            STRING,
            _("Dependencia o entidad responsable."),
            lambda c: c.row.unit.name,
        ),
        Column(
            "siglas_dependencia",
            STRING,
            _("Siglas de la dependencia responsable."),
            lambda c: c.row.unit.acronym,
        ),
        Column("meta", STRING, _("Meta del compromiso."), lambda c: c.content.goal),
        Column(
            "indicadores",
            STRING,
            _("Nombres de sus indicadores, separados por «; » (detalle en la tabla indicadores)."),
            lambda c: _joined(i.name for i in c.content.indicators),
        ),
        Column(
            "medios_de_verificacion",
            STRING,
            _("Medios de verificación de sus indicadores, separados por «; »."),
            lambda c: _joined(i.verification_means for i in c.content.indicators),
        ),
        Column("fecha_de_inicio", DATE, _("Fecha de inicio."), lambda c: c.row.start),
        Column("fecha_de_termino", DATE, _("Fecha de término."), lambda c: c.row.end),
        Column(
            "corresponsables",
            STRING,
            _("Dependencias y organizaciones corresponsables con su papel, separadas por «; »."),
            lambda c: _parties(c.row),
        ),
        Column(
            "pilares",
            STRING,
            _("Pilares del gobierno abierto a los que sirve, separados por «; »."),
            lambda c: _joined(p.name for p in c.row.pillars),
        ),
        Column(
            "estado",
            STRING,
            _("Semáforo ese día: completo, en_tiempo, con_retraso, atrasado o no_iniciado."),
            lambda c: c.row.verdict.status,
        ),
        Column(
            "estado_texto",
            STRING,
            _("El semáforo en palabras."),
            lambda c: _label(Status, c.row.verdict.status),
        ),
        Column(
            "sin_actualizar",
            BOOLEAN,
            _("Verdadero si sus datos son más viejos que su periodicidad."),
            lambda c: c.row.verdict.stale,
        ),
        Column(
            "estado_asignado",
            BOOLEAN,
            _("Verdadero si el Secretariado asignó el estado a mano (con motivo público)."),
            lambda c: c.row.verdict.overridden,
        ),
        Column(
            "motivo_estado_asignado",
            STRING,
            _("Motivo público del estado asignado."),
            lambda c: c.row.verdict.override_reason,
        ),
        Column(
            "avance",
            NUMBER,
            _("Avance logrado ese día, en porcentaje (0 a 100); vacío sin datos."),
            lambda c: _percent(c.row.verdict.progress),
        ),
        Column(
            "avance_esperado",
            NUMBER,
            _("Avance esperado ese día según sus fechas, en porcentaje."),
            lambda c: _percent(c.row.verdict.expected),
        ),
        Column(
            "nivel_de_cumplimiento",
            STRING,
            _(
                "Nivel de cumplimiento al estilo de OGP según su avance: no_iniciado, limitado, "
                "sustancial o completo."
            ),
            lambda c: c.row.verdict.level,
        ),
        *(
            Column(
                f"valoracion_{dimension.value}",
                STRING,
                _rating_description(dimension),
                _rating(dimension.value),
            )
            for dimension in Dimension
        ),
        Column(
            "fuente_de_avance",
            STRING,
            _("De dónde sale su avance: indicadores, hitos o ambos."),
            lambda c: c.progress_source,
        ),
        Column(
            "version",
            INTEGER,
            _("Número de la versión vigente (1: la original aprobada)."),
            lambda c: c.version,
        ),
        Column(
            "dato_de_ejemplo",
            BOOLEAN,
            _("Verdadero si es un compromiso inventado para demostrar el portal."),
            lambda c: c.row.is_example,
        ),
        Column(
            "pagina",
            STRING,
            _("Dirección de su página en el portal."),
            lambda c: reverse("commitment", args=[c.row.slug]),
            link=True,
        ),
        *english.COMMITMENTS,
    ),
)

INDICATORS = Table(
    name="indicadores",
    title=_("Indicadores"),
    description=_(
        "Los indicadores de cada compromiso en su versión vigente ese día: línea base, meta, "
        "sentido, periodicidad, peso y medio de verificación."
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("compromiso_id",), "compromisos", ("id",)),),
    records=lambda s: s.every("indicators"),
    columns=(
        Column("id", INTEGER, _("Identificador estable del indicador."), lambda i: i.item.id),
        Column(
            "compromiso_id",
            INTEGER,
            _("El compromiso (id en compromisos)."),
            lambda i: i.commitment_id,
        ),
        Column("nombre", STRING, _("Nombre del indicador."), lambda i: i.item.name),
        Column("unidad_de_medida", STRING, _("Unidad en que se mide."), lambda i: i.item.unit),
        Column("linea_base", NUMBER, _("Valor de partida."), lambda i: i.item.baseline),
        Column("meta", NUMBER, _("Valor que se quiere alcanzar."), lambda i: i.item.target),
        Column(
            "sentido",
            STRING,
            _("ascendente (más es mejor) o descendente (menos es mejor)."),
            lambda i: i.item.direction,
        ),
        Column(
            "periodicidad",
            STRING,
            _("Cada cuánto se actualiza: mensual, trimestral, semestral o anual."),
            lambda i: i.item.periodicity,
        ),
        Column("peso", NUMBER, _("Peso en el avance del compromiso."), lambda i: i.item.weight),
        Column(
            "medio_de_verificacion",
            STRING,
            _("Dónde se puede comprobar el dato."),
            lambda i: i.item.verification_means,
        ),
        Column(
            "enlace_de_verificacion",
            STRING,
            _("Enlace del medio de verificación."),
            lambda i: i.item.verification_url,
        ),
        Column("orden", INTEGER, _("Orden en la lista del compromiso."), lambda i: i.item.order),
        *english.INDICATORS,
    ),
)

MEASUREMENTS = Table(
    name="avances",
    title=_("Avances de indicadores"),
    description=_(
        "Cada valor publicado de un indicador hasta ese día, con sus dos fechas: el día al que "
        "se refiere y el momento en que se hizo público. Una corrección o un retiro es un "
        "registro nuevo que apunta al que sustituye."
    ),
    primary_key=("id",),
    foreign_keys=(
        ForeignKey(("indicador_id",), "indicadores", ("id",)),
        ForeignKey(("corrige_a",), "", ("id",)),
    ),
    records=lambda s: s.every("measurements"),
    columns=(
        Column("id", INTEGER, _("Identificador estable del registro."), lambda f: f.pk),
        Column("indicador_id", INTEGER, _("El indicador (id en indicadores)."), lambda f: f.owner),
        Column("fecha_del_dato", DATE, _("Día al que se refiere el valor."), lambda f: f.date),
        Column("valor", NUMBER, _("Valor del indicador ese día."), lambda f: f.value),
        Column(
            "descripcion",
            STRING,
            _("Descripción del avance."),
            lambda f: f.details.get("narrative", ""),
        ),
        Column(
            "enlace_de_evidencia",
            STRING,
            _("Archivo o enlace que respalda el dato."),
            lambda f: f.details.get("evidence_link", ""),
            link=True,
        ),
        *CORRECTION_COLUMNS,
    ),
)

MILESTONES = Table(
    name="hitos",
    title=_("Hitos"),
    description=_(
        "Los hitos de cada compromiso en su versión vigente, con su avance y estado ese día."
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey(("compromiso_id",), "compromisos", ("id",)),),
    records=lambda s: s.every("milestones"),
    columns=(
        Column("id", INTEGER, _("Identificador estable del hito."), lambda m: m.view.pk),
        Column(
            "compromiso_id",
            INTEGER,
            _("El compromiso (id en compromisos)."),
            lambda m: m.commitment_id,
        ),
        Column(
            "numero",
            INTEGER,
            _("Su número en la lista de hitos del compromiso."),
            lambda m: m.view.number,
        ),
        Column("titulo", STRING, _("El hito o actividad."), lambda m: m.view.title),
        Column("producto_esperado", STRING, _("Producto esperado."), lambda m: m.view.deliverable),
        Column(
            "dependencia_responsable",
            STRING,
            _("Dependencia responsable del hito, si es otra."),
            lambda m: m.view.unit.name if m.view.unit else "",
        ),
        Column("fecha_de_inicio", DATE, _("Inicio."), lambda m: m.view.start_date),
        Column("fecha_de_termino", DATE, _("Término."), lambda m: m.view.end_date),
        Column("peso", NUMBER, _("Peso en el avance del compromiso."), lambda m: m.view.weight),
        Column(
            "avance",
            NUMBER,
            _("Porcentaje realizado ese día (vacío si se canceló)."),
            lambda m: m.view.percent,
        ),
        Column(
            "estado",
            STRING,
            _("pendiente, en_proceso, completo o cancelado."),
            lambda m: m.view.status.value,
        ),
        *english.MILESTONES,
    ),
)

MILESTONE_PROGRESS = Table(
    name="avances_de_hitos",
    title=_("Avances de hitos"),
    description=_(
        "Cada avance publicado de un hito hasta ese día, con sus dos fechas; las correcciones "
        "apuntan al registro que sustituyen."
    ),
    primary_key=("id",),
    foreign_keys=(
        ForeignKey(("hito_id",), "hitos", ("id",)),
        ForeignKey(("corrige_a",), "", ("id",)),
    ),
    records=lambda s: s.every("milestone_progress"),
    columns=(
        Column("id", INTEGER, _("Identificador estable del registro."), lambda f: f.pk),
        Column("hito_id", INTEGER, _("El hito (id en hitos)."), lambda f: f.owner),
        Column("fecha_del_avance", DATE, _("Día al que se refiere el avance."), lambda f: f.date),
        Column("porcentaje", INTEGER, _("Porcentaje realizado."), lambda f: f.value),
        Column(
            "estado_del_hito",
            STRING,
            _("pendiente, en_proceso, completo o cancelado."),
            lambda f: f.details.get("status", ""),
        ),
        Column("que_se_hizo", STRING, _("Qué se hizo."), lambda f: f.details.get("narrative", "")),
        Column(
            "dificultades", STRING, _("Dificultades."), lambda f: f.details.get("difficulties", "")
        ),
        Column(
            "factores_de_exito",
            STRING,
            _("Factores de éxito."),
            lambda f: f.details.get("success_factors", ""),
        ),
        *CORRECTION_COLUMNS,
    ),
)

ROUNDS = Table(
    name="cortes",
    title=_("Cortes de seguimiento"),
    description=_("Los cortes en que cada compromiso reporta su avance."),
    primary_key=("id",),
    records=lambda s: s.every("rounds"),
    columns=(
        Column("id", INTEGER, _("Identificador estable del corte."), lambda r: r.pk),
        Column("plan", STRING, _("Identificador del plan de acción."), lambda r: r.plan_slug),
        Column("numero", INTEGER, _("Número del corte en el plan."), lambda r: r.number),
        Column("nombre", STRING, _("Nombre del corte."), lambda r: r.title),
        Column("fecha_de_corte", DATE, _("Último día que cubre."), lambda r: r.period_end),
        Column("abre_el", DATE, _("Cuándo se abre la entrega."), lambda r: r.opens_on),
        Column("fecha_limite", DATE, _("Fecha límite de entrega."), lambda r: r.deadline),
    ),
)

REPORTS = Table(
    name="reportes_de_corte",
    title=_("Reportes de corte"),
    description=_(
        "Un renglón por corte y compromiso: si entregó su reporte (a tiempo o tarde), si falta "
        "o si el corte sigue abierto ese día, y lo que reportó."
    ),
    primary_key=("corte_id", "compromiso_id"),
    foreign_keys=(
        ForeignKey(("corte_id",), "cortes", ("id",)),
        ForeignKey(("compromiso_id",), "compromisos", ("id",)),
    ),
    records=lambda s: s.every("reports"),
    columns=(
        Column("corte_id", INTEGER, _("El corte (id en cortes)."), lambda r: r.round_id),
        Column(
            "compromiso_id",
            INTEGER,
            _("El compromiso (id en compromisos)."),
            lambda r: r.commitment_id,
        ),
        Column(
            "estado",
            STRING,
            _("entregado, tardio, sin_reporte, pendiente (corte abierto) o no_aplica."),
            lambda r: r.status,
        ),
        Column(
            "estado_texto",
            STRING,
            _("El estado en palabras."),
            lambda r: _label(ReportStatus, r.status),
        ),
        Column(
            "entregado_el",
            DATETIME,
            _("Momento en que el reporte se hizo público."),
            lambda r: _moment(r.published_at),
        ),
        Column(
            "informe",
            STRING,
            _("Informe de avance."),
            lambda r: r.narrative,
        ),
        Column(
            "dificultades",
            STRING,
            _("Dificultades."),
            lambda r: r.difficulties,
        ),
    ),
)

EVIDENCE = Table(
    name="evidencias",
    title=_("Evidencias"),
    description=_(
        "Documentos de verificación publicados: título, enlace, tipo de archivo y la huella "
        "SHA-256 del archivo, para comprobar que no se cambió después de publicarlo."
    ),
    primary_key=("id",),
    foreign_keys=(
        ForeignKey(("compromiso_id",), "compromisos", ("id",)),
        ForeignKey(("hito_id",), "hitos", ("id",)),
        ForeignKey(("corte_id",), "cortes", ("id",)),
    ),
    records=lambda s: s.every("evidence"),
    columns=(
        Column("id", INTEGER, _("Identificador estable de la evidencia."), lambda e: e.pk),
        Column(
            "compromiso_id",
            INTEGER,
            _("El compromiso (id en compromisos)."),
            lambda e: e.commitment_id,
        ),
        Column(
            "hito_id",
            INTEGER,
            _("El hito que respalda, si es de un hito."),
            lambda e: e.milestone_id,
        ),
        Column(
            "corte_id",
            INTEGER,
            _("El corte de cuyo reporte forma parte, si es el caso."),
            lambda e: e.round_id,
        ),
        Column("titulo", STRING, _("Título del documento."), lambda e: e.title),
        Column("fecha_del_documento", DATE, _("Fecha del documento."), lambda e: e.date),
        Column(
            "enlace", STRING, _("Dirección del archivo o del enlace."), lambda e: e.link, link=True
        ),
        Column(
            "tipo_de_medio",
            STRING,
            _("Tipo de archivo (tipo MIME), si se conoce."),
            lambda e: e.media_type,
        ),
        Column(
            "sha256",
            STRING,
            _("Huella SHA-256 del archivo subido (vacía si es un enlace externo)."),
            lambda e: e.sha256,
        ),
        Column(
            "hecho_publico_el",
            DATETIME,
            _("Momento en que se hizo pública."),
            lambda e: _moment(e.published_at),
        ),
    ),
)

VERSIONS = Table(
    name="versiones",
    title=_("Versiones y modificaciones"),
    description=_(
        "Cada versión pública de un compromiso: la 1 es la original aprobada; las siguientes, "
        "modificaciones aprobadas o correcciones del texto, con su motivo."
    ),
    primary_key=("compromiso_id", "version"),
    foreign_keys=(ForeignKey(("compromiso_id",), "compromisos", ("id",)),),
    records=lambda s: s.every("versions"),
    columns=(
        Column(
            "compromiso_id",
            INTEGER,
            _("El compromiso (id en compromisos)."),
            lambda v: v.commitment_id,
        ),
        Column("version", INTEGER, _("Número de versión."), lambda v: v.number),
        Column("vigente_desde", DATE, _("Día desde el que rige."), lambda v: v.effective_on),
        Column(
            "hecho_publico_el",
            DATETIME,
            _("Momento en que se hizo pública."),
            lambda v: _moment(v.published_at),
        ),
        Column(
            "que_cambio", STRING, _("Resumen de la modificación aprobada."), lambda v: v.summary
        ),
        Column("motivo", STRING, _("Motivo público del cambio."), lambda v: v.reason),
        Column(
            "aprobada_el",
            DATE,
            _("Fecha en que el Secretariado aprobó la modificación."),
            lambda v: v.approved_on,
        ),
        Column(
            "sesion",
            STRING,
            _("Identificador de la sesión que la aprobó."),
            lambda v: v.session_slug,
        ),
    ),
)

TABLES = (
    COMMITMENTS,
    INDICATORS,
    MEASUREMENTS,
    MILESTONES,
    MILESTONE_PROGRESS,
    EVIDENCE,
    ROUNDS,
    REPORTS,
    VERSIONS,
)
