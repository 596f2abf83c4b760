"""Batch entry points: what `save`, `record_measurement` / `record_milestone_progress` and
`publish_commitment` do for one row, done for many rows in a few statements (an import).

Each checks what its one-row service checks: who acts, the model's own rules (`full_clean`,
without looking up again a related row already in hand), the unique rules against the
database and inside the batch (one query per rule, not per row), the parent rows locked in
one statement (in key order, so two batches take turns instead of deadlocking). Then it
writes with `bulk_create`, the audit history with `bulk_history_create` (who acted, as the
one-row services record it), and notes the write's effects like the rows' signals do for a
single save: the touched commitments' stored states are rebuilt once each and the content
version moves once, at the end of the outermost write (`commitments.effects`).

A refused row refuses the whole batch: `BatchRefused.by_position` says which rows (their
place in the list given) and why, so an import names the row of its file.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint, Prefetch, Q, UniqueConstraint

from commitments import permissions, projection
from commitments.content import VersionContent
from commitments.models import (
    Commitment,
    CommitmentVersion,
    CoResponsibility,
    Indicator,
    Milestone,
    Publication,
)
from commitments.services.core import (
    _LOCKED_PARENT,
    _check_publishable,
    _check_snapshot,
    _check_structure,
    _fingerprint,
    _stamp,
    _user,
    service,
)
from core import clock
from core.content_version import note_written

# Rows per statement: keeps IN lists and inserts within every database's limits.
CHUNK = 500


class BatchRefused(ValidationError):
    """Rows of a batch the rules refused, by their position in it: {position: error}."""

    def __init__(self, by_position):
        self.by_position = dict(sorted(by_position.items()))
        super().__init__([m for error in self.by_position.values() for m in error.messages])


@service
def create_many(*, instances, by=None):
    """Create new structural records of one model (commitments, their indicators, their
    co-responsible parties…), as `save` creates one: the Secretariat's, checked, audited."""
    instances = list(instances)
    if not instances:
        return instances
    model = _one_model(instances)
    refused = {}
    for position, instance in enumerate(instances):
        # Parents created earlier in the import have their keys now.
        instance._prepare_related_fields_for_save(operation_name="create_many")
        try:
            _check_structure(instance, by)
            _clean(instance)
        except ValidationError as error:
            refused[position] = error
    _check_unique(model, instances, refused)
    if refused:
        raise BatchRefused(refused)
    for instance in instances:
        _fingerprint(instance)
    _insert(model, instances, by)
    return instances


@service
def record_many(*, facts, publish=False, by=None):
    """Record new facts of one kind (measurements, milestone progress) as drafts, or
    published at once by the Secretariat, as `record_measurement` records one."""
    facts = list(facts)
    if not facts:
        return facts
    model = _one_model(facts)
    if publish:
        permissions.require_reviewer(by)
    refused = {}
    allowed = {}
    for position, fact in enumerate(facts):
        # A liaison's scope is one answer per commitment, not one query per row.
        commitment = permissions.commitment_of(fact)
        key = getattr(commitment, "pk", None)
        if key not in allowed:
            try:
                permissions.require_editor(by, fact)
                allowed[key] = None
            except ValidationError as error:
                allowed[key] = error
        if allowed[key] is not None:
            refused[position] = allowed[key]
    if refused:
        raise BatchRefused(refused)
    _lock_parents(model, facts)
    now = clock.now()
    for position, fact in enumerate(facts):
        fact.recorded_by = _user(by)
        fact.recorded_at = now
        try:
            _clean(fact)
            if publish:
                _check_publishable(fact)
        except ValidationError as error:
            refused[position] = error
    _check_unique(model, facts, refused)
    if refused:
        raise BatchRefused(refused)
    for fact in facts:
        if publish:
            _stamp(fact, by)
        _fingerprint(fact)
    _insert(model, facts, by)
    return facts


@service
def publish_commitments(*, commitments, by=None):
    """Publish commitments (`publish_commitment` for each): version 1 from the working copy
    for those that have none, then the publication record. Returns the publications."""
    permissions.require_reviewer(by)
    pending = [c for c in commitments if not c.is_published]
    if not pending:
        return []
    ids = [c.pk for c in pending]
    stored = {}
    for chunk in _chunks(ids):
        stored.update(
            (c.pk, c)
            for c in Commitment.objects.filter(pk__in=chunk)
            .select_related("plan__exercise", "unit", "objective__axis__plan__exercise")
            .prefetch_related(
                "pillars",
                Prefetch("co_responsibles", CoResponsibility.objects.order_by("id")),
                Prefetch("indicators", Indicator.objects.order_by("order", "id")),
                Prefetch("milestones", Milestone.objects.order_by("order", "id")),
            )
        )
    versioned = set()
    for chunk in _chunks(ids):
        versioned.update(
            CommitmentVersion.objects.filter(commitment__in=chunk).values_list(
                "commitment_id", flat=True
            )
        )
    refused, versions = {}, []
    now = clock.now()
    for position, commitment in enumerate(pending):
        if commitment.pk in versioned:
            continue
        current = stored[commitment.pk]
        try:
            _clean(current)
            content = VersionContent.of(
                current,
                pillar_ids=[pillar.pk for pillar in current.pillars.all()],
                co_responsibles=current.co_responsibles.all(),
                indicators=current.indicators.all(),
                milestones=current.milestones.all(),
            )
            _check_snapshot(content)
            version = CommitmentVersion(
                commitment=commitment,
                number=1,
                effective_on=clock.today(),
                published_at=now,
                data=content.to_json(),
                recorded_by=_user(by),
            )
            _clean(version, exclude=["data"])
        except ValidationError as error:
            refused[position] = error
            continue
        versions.append(version)
    if refused:
        raise BatchRefused(refused)
    _insert(CommitmentVersion, versions, by)
    for chunk in _chunks(ids):
        Commitment.objects.filter(pk__in=chunk).update(is_published=True)
    for commitment in pending:
        commitment.is_published = True
    _history(Commitment, pending, by, update=True)
    note_written(Commitment, pending)
    publications = [
        Publication(commitment=c, is_published=True, at=now, recorded_by=_user(by)) for c in pending
    ]
    _insert(Publication, publications, by)
    return publications


# --- the steps -------------------------------------------------------------------------


def _one_model(instances):
    model = type(instances[0])
    if any(type(instance) is not model for instance in instances):
        raise TypeError("A batch holds rows of one model.")
    return model


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _clean(instance, exclude=()):
    """The model's rules without a query per row: a related row already in hand (loaded, or
    written earlier in the batch) is not looked up again, and the unique rules are checked
    for the whole batch (`_check_unique`)."""
    in_hand = [
        field.name
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.is_cached(instance)
        and getattr(instance, field.name) is not None
        and getattr(instance, field.name).pk is not None
    ]
    instance.full_clean(
        exclude=[*exclude, *in_hand], validate_unique=False, validate_constraints=False
    )
    for constraint in instance._meta.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        holds = _holds(constraint.condition, instance)
        if holds is None:
            constraint.validate(type(instance), instance)
        elif not holds:
            raise ValidationError(constraint.get_violation_error_message())


def _rules(model):
    """(attribute names, condition, message) of each unique rule of `model`."""
    rules = []
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            message = model().unique_error_message(model, (field.name,)).message
            rules.append(((field.attname,), None, {field.name: message}))
    for constraint in model._meta.constraints:
        if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
            continue
        names = [model._meta.get_field(name) for name in constraint.fields]
        where = names[0].name if len(names) == 1 else NON_FIELD_ERRORS
        message = {where: constraint.get_violation_error_message()}
        rules.append((tuple(f.attname for f in names), constraint.condition, message))
    return rules


def _check_unique(model, instances, refused):
    """Each unique rule once for the whole batch: against the rows stored (one query per
    rule and chunk) and between the batch's own rows."""
    for attnames, condition, message in _rules(model):
        keys = {}
        for position, instance in enumerate(instances):
            if position in refused:
                continue
            holds = _holds(condition, instance)
            if holds is None:
                # A condition only the database can judge: the row's own check.
                try:
                    instance.validate_constraints()
                except ValidationError as error:
                    refused[position] = error
                continue
            if not holds:
                continue
            key = tuple(getattr(instance, name) for name in attnames)
            if None in key:
                continue
            if key in keys:
                refused[position] = ValidationError(message)
                continue
            keys[key] = position
        if not keys:
            continue
        stored = model._default_manager.order_by()
        if condition is not None:
            stored = stored.filter(condition)
        taken = set()
        for chunk in _chunks(keys):
            found = stored.filter(
                reduce(or_, (Q(**dict(zip(attnames, k, strict=True))) for k in chunk))
            )
            taken.update(found.values_list(*attnames))
        for key in taken & set(keys):
            refused[keys[key]] = ValidationError(message)


def _holds(condition, instance):
    """Whether a rule's condition (equalities and isnull, with and/or/not) holds for a row
    not saved yet, as the database would read it; None when the condition says more."""
    if condition is None:
        return True
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_holds(child, instance))
            continue
        lookup, wanted = child
        name, _sep, operator = lookup.partition("__")
        value = getattr(instance, instance._meta.get_field(name).attname)
        if operator == "isnull":
            results.append((value is None) == wanted)
        elif operator in ("", "exact"):
            results.append(value == wanted)
        else:
            return None
    if None in results:
        return None
    held = all(results) if condition.connector == Q.AND else any(results)
    return not held if condition.negated else held


def _lock_parents(model, facts):
    """Lock the rows the facts are about, as each one-row service does, in one statement."""
    parent, field = _LOCKED_PARENT.get(model, (None, None))
    if parent is None:
        return
    ids = sorted({getattr(fact, field) for fact in facts if getattr(fact, field)})
    for chunk in _chunks(ids):
        list(parent.objects.select_for_update().filter(pk__in=chunk).order_by("pk").values("pk"))


def _insert(model, instances, by):
    model.objects.bulk_create(instances, batch_size=CHUNK)
    _history(model, instances, by)
    # bulk_create sends no signals: the effects the rows' signals would note.
    if model in projection.SOURCES:
        for instance in instances:
            projection.touched(instance)
    note_written(model, instances)


def _history(model, instances, by, *, update=False):
    history = getattr(model, "history", None)
    if history is not None and instances:
        history.bulk_history_create(
            instances, batch_size=CHUNK, update=update, default_user=_user(by)
        )
