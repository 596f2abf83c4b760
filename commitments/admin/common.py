"""The admin's shared pieces, by job (kept as one import place for older code):

- `basics`: form sizing, refusals as messages, the object edited, the code column;
- `scope`: audit history and a liaison's commitments (`AuditedAdmin`);
- `structure`: the plan's structure and working copies (`StructureAdmin`);
- `autocompletes`: autocompletes that say where a record belongs;
- `reasons`: a step with a reason (unpublish, withdraw, return, end an override);
- `facts`: public facts (`FactAdmin`) and their publication notes;
- `verdicts`: the status staff see, and the preview if pending facts were published.

New code imports from those modules.
"""

from commitments.admin.autocompletes import (
    LabelledAutocomplete,
    LabelledAutocompleteSelect,
    LabelledAutocompleteView,
    LabelledChoiceField,
    UsesLabelledAutocompletes,
)
from commitments.admin.basics import (
    TABLE_TEXT,
    CommitmentCodeColumn,
    RoomyForm,
    current_object_id,
    refuse,
)
from commitments.admin.facts import (
    LIAISON_DRAFT_MESSAGE,
    LIAISON_DRAFT_NOTE,
    REVIEWER_ACTIONS,
    FactAdmin,
    LiveFactForm,
    correction_form_class,
    publication_note,
    review_note,
)
from commitments.admin.reasons import ReasonForm, ReturnForm, reason_step
from commitments.admin.scope import SCOPED_TARGETS, AuditedAdmin
from commitments.admin.structure import StructureAdmin
from commitments.admin.verdicts import (
    staff_verdict,
    staff_verdicts,
    verdict_if_published,
    with_pending,
)

__all__ = [
    "LIAISON_DRAFT_MESSAGE",
    "LIAISON_DRAFT_NOTE",
    "REVIEWER_ACTIONS",
    "SCOPED_TARGETS",
    "TABLE_TEXT",
    "AuditedAdmin",
    "CommitmentCodeColumn",
    "FactAdmin",
    "LabelledAutocomplete",
    "LabelledAutocompleteSelect",
    "LabelledAutocompleteView",
    "LabelledChoiceField",
    "LiveFactForm",
    "ReasonForm",
    "ReturnForm",
    "RoomyForm",
    "StructureAdmin",
    "UsesLabelledAutocompletes",
    "correction_form_class",
    "current_object_id",
    "publication_note",
    "reason_step",
    "refuse",
    "review_note",
    "staff_verdict",
    "staff_verdicts",
    "verdict_if_published",
    "with_pending",
]
