"""The Secretariat's admin for the action plan and its follow-up.

Unit liaisons will later file round reports and milestone progress for their own
units: reports and milestones are filtered by unit here, every report records who
filed it, and the evidence rule lives in the models so any form enforces it.
"""

from commitments.admin import commitment, followup, indicators, plan  # noqa: F401
