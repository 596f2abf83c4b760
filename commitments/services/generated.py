"""Generated data sets: a synthetic plan written in a few queries (`bulk_load`)."""

from commitments import permissions, projection
from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentVersion,
    FactStatus,
    Publication,
    PublicFact,
)
from commitments.services.core import (
    _check_snapshot,
    _stamp,
    _user,
    service,
)
from core import clock
from core.content_version import bump_content_version


@service
def bulk_load(*, rows, by=None):
    """Write a large generated data set (a synthetic plan for benchmarks) in a few queries.

    `rows` are (day, instance) pairs in dependency order: the rows the other services would
    write, unsaved. Consecutive instances of one model are inserted together. Each version,
    publication and fact with status "publicado" is stamped by the clock at noon of its
    `day`; drafts stay drafts. A plan's or commitment's publication
    also sets its mirror `is_published`. Rows are not validated one by one (thousands of
    `full_clean` calls would take minutes): the first of each kind is, and every version's
    content is checked like `publish_version` does. Nor do they get audit history rows: only
    generated plans are loaded this way, and nobody edited them.
    """
    permissions.require_reviewer(by)
    by = _user(by)
    for model, group in _runs(rows):
        instances = []
        for day, instance in group:
            with clock.moment(day):
                _stamp_generated(instance, by)
            instances.append(instance)
        sample = instances[0]
        # Rows were built before their parents had ids; bulk_create fills them in, and the
        # sample needs them now to be validated.
        sample._prepare_related_fields_for_save(operation_name="bulk_load")
        with clock.moment(group[0][0]):
            sample.full_clean(validate_unique=False, validate_constraints=False)
        model.objects.bulk_create(instances, batch_size=2000)
        if model is Publication:
            _mirror_publications(instances)
        if model in projection.SOURCES:
            # bulk_create sends no signals.
            for instance in instances:
                projection.touched(instance)
    # Nor do bulk_create and update: the rows' signals cannot bump the version.
    bump_content_version()
    return len(rows)


def _runs(rows):
    run = []
    for day, instance in rows:
        if run and type(run[0][1]) is not type(instance):
            yield type(run[0][1]), run
            run = []
        run.append((day, instance))
    if run:
        yield type(run[0][1]), run


def _stamp_generated(instance, by):
    if isinstance(instance, PublicFact):
        instance.recorded_at = clock.now()
        instance.recorded_by = by
        if instance.status == FactStatus.PUBLISHED:
            _stamp(instance, by)
    elif isinstance(instance, CommitmentVersion):
        _check_snapshot(instance.content)
        instance.published_at = clock.now()
        instance.recorded_by = by
    elif isinstance(instance, Publication):
        instance.at = clock.now()
        instance.recorded_by = by


def _mirror_publications(publications):
    for model, field in ((ActionPlan, "plan_id"), (Commitment, "commitment_id")):
        for published in (True, False):
            ids = [getattr(p, field) for p in publications if p.is_published is published]
            ids = [pk for pk in ids if pk is not None]
            if ids:
                model.objects.filter(pk__in=ids).update(is_published=published)
