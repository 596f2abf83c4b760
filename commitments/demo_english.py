"""English texts of part of the demo plan (example data, like the rest of the demo).

Only part of it, on purpose: the English site then shows both a translated text and one that
falls back to Spanish (marked `lang="es"`). Written after the plan is public, through the
same service as any staff save: a translation publishes no version.
"""

from commitments import services

PILLARS = {
    "transparencia": (
        "Transparency",
        "The municipality publishes, without anyone having to ask, the information it "
        "produces: what it decides, how much it spends and with what results. Knowing is "
        "everyone's right.",
    ),
    "rendicion-de-cuentas": (
        "Accountability",
        "Those who govern explain what they did, how they did it and what they achieved, and "
        "answer for it to the public.",
    ),
    "evaluacion-al-desempeno": (
        "Performance Evaluation",
        "Programmes and services are measured regularly to know whether they meet their "
        "objectives and to correct course in time.",
    ),
    "participacion-ciudadana": (
        "Citizen Participation",
        "Residents, organisations and government decide and work together on the matters "
        "that affect them.",
    ),
    "uso-de-ti-e-innovacion": (
        "IT and Innovation",
        "Digital tools and new ways of working so that procedures, data and services are "
        "simpler and better.",
    ),
}

PLAN = (
    "Municipal Open Government Action Plan 2025-2027",
    "Commitments co-created at the June 2025 tables and approved by the Technical Secretariat "
    "at its 2nd Ordinary Session. The commitments of this demonstration portal are example "
    "data.",
)

# The other two axes stay in Spanish, so the English site shows the fallback too.
AXES = {
    "DA": (
        "Open Data",
        "Public information in formats anyone can download, reuse and combine.",
        "Strengthen open data in León (example objective)",
    ),
    "PP": (
        "Participatory Budgeting",
        "Residents propose and vote on how part of the municipal budget is invested.",
        "Strengthen participatory budgeting in León (example objective)",
    ),
}

UNITS = {
    "DGIG": "Directorate-General for Government Innovation",
    "UT": "Transparency Unit",
}

# DA-01 in full (with its indicator and milestones); DA-02 only its title.
COMMITMENTS = {
    "DA-01": {
        "title": "Publish the municipal open data catalogue",
        "description": (
            "Publish the municipal open data catalogue. An example commitment showing how an "
            "action of the plan is followed up; it is not a real commitment of the "
            "municipality."
        ),
        "goal": "Publish 120 datasets in an open format with their data dictionary.",
        "indicators": [("Datasets published in an open format", "datasets")],
        "milestones": [
            ("Inventory of the units' data", "Example deliverable: inventory of the units' data"),
            ("Technical publication standard", "Example deliverable: the standard"),
            ("Data portal in operation", "Example deliverable: the portal in operation"),
            ("First 60 datasets published", "Example deliverable: the first 60 datasets"),
            ("Full, documented catalogue", "Example deliverable: the full catalogue"),
        ],
    },
    "DA-02": {"title": "Open the public works data with their physical and financial progress"},
}


def _save(instance, **english):
    for name, text in english.items():
        setattr(instance, f"{name}_en", text)
    services.save(instance=instance)


def translate(cast):
    for pillar in cast["pillars"]:
        if pillar.slug in PILLARS:
            name, summary = PILLARS[pillar.slug]
            _save(pillar, name=name, summary=summary)
    plan = cast["plan"]
    _save(plan, title=PLAN[0], summary=PLAN[1])
    for prefix, (name, description, objective) in AXES.items():
        objective_row = cast["objectives"][prefix]
        _save(objective_row.axis, name=name, description=description)
        _save(objective_row, title=objective)
    for acronym, name in UNITS.items():
        _save(cast["units"][acronym], name=name)
    for code, texts in COMMITMENTS.items():
        commitment = cast[code]
        _save(commitment, **{k: v for k, v in texts.items() if isinstance(v, str)})
        if "indicators" not in texts:
            continue
        indicators = commitment.indicators.order_by("order")
        for indicator, (name, unit) in zip(indicators, texts["indicators"], strict=True):
            _save(indicator, name=name, unit=unit)
        milestones = commitment.milestones.order_by("order")
        for milestone, (title, deliverable) in zip(milestones, texts["milestones"], strict=True):
            _save(milestone, title=title, deliverable=deliverable)
