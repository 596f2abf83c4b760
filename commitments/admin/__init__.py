"""The Secretariat's admin for the action plan and its follow-up.

Every write goes through `commitments.services`: the structure and the commitments'
working copies, the public versions, and the public facts (drafts, publication,
corrections and withdrawals with a public reason). Nothing published is edited here.
"""

from commitments.admin import (  # noqa: F401
    commitment,
    followup,
    indicators,
    plan,
    records,
    staff,
)
