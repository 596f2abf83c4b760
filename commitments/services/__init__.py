"""The one write path for the plan and its public facts.

Every function is keyword-only and atomic, validates with `full_clean`, records who acted
and refreshes the public page cache once the transaction commits. The admin, the demo,
`generate_plan`, the importers and the tests' builders write through here and nothing else.

Public facts (measurements, milestone progress, evidence, overrides, reports, assessments,
ratings) are stamped with the moment they became public by the project clock when they are
published; a published fact is never edited: `correct` and `withdraw` add rows that
supersede it. A commitment's public text, dates and weights change only by a new version.

Who acts matters (`commitments.permissions`): a liaison records drafts for their units'
commitments and submits them; only the Secretariado técnico (or a superuser, or the system
itself, `by=None`) publishes, returns, corrects and changes the plan. Each write is also
recorded in the audit history with that user. An import writes many rows through the batch
entry points (`create_many`, `record_many`, `publish_commitments`): the same checks, history
and effects, in a few statements.
"""

from commitments.services.batch import (
    BatchRefused,
    create_many,
    publish_commitments,
    record_many,
)
from commitments.services.core import (
    BUSY,
    lost_race,
    milestone_status_for,
    service,
)
from commitments.services.facts import (
    add_evidence,
    delete_draft,
    end_override,
    record_measurement,
    record_milestone_progress,
    set_override,
    update_draft,
)
from commitments.services.generated import (
    bulk_load,
)
from commitments.services.reports import (
    file_round_report,
    record_fact,
)
from commitments.services.review import (
    correct,
    publish,
    refusal_to_publish,
    report_progress,
    return_for_changes,
    submit,
    withdraw,
)
from commitments.services.structure import (
    approve_modification,
    delete,
    drop_plan,
    publish_commitment,
    publish_plan,
    publish_version,
    save,
    set_parties,
    snapshot,
    unpublish_commitment,
    unpublish_plan,
)

__all__ = [
    "BUSY",
    "BatchRefused",
    "add_evidence",
    "approve_modification",
    "bulk_load",
    "correct",
    "create_many",
    "delete",
    "delete_draft",
    "drop_plan",
    "end_override",
    "file_round_report",
    "lost_race",
    "milestone_status_for",
    "publish",
    "publish_commitment",
    "publish_commitments",
    "publish_plan",
    "publish_version",
    "record_fact",
    "record_many",
    "record_measurement",
    "record_milestone_progress",
    "refusal_to_publish",
    "report_progress",
    "return_for_changes",
    "save",
    "service",
    "set_override",
    "set_parties",
    "snapshot",
    "submit",
    "unpublish_commitment",
    "unpublish_plan",
    "update_draft",
    "withdraw",
]
