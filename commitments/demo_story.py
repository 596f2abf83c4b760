"""Where the demo's story stands, shared by each app's demo (commitments, Secretariado,
questions) without one demo importing another's."""

from datetime import date

# The demo is written as it stood on this day; pages computed later move on from it.
DEMO_TODAY = date(2026, 11, 25)
PLAN_SLUG = "plan-de-accion-2025-2027"
