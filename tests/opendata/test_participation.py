"""The participation tables: proposals with their fate on the day, the survey's totals."""

import frictionless

from participation import services
from participation.models import Outcome, SurveyOption, SurveyQuestion
from tests.opendata.test_downloads import read_csv
from tests.opendata.test_package import write_served_package
from tests.participation import cast as participation


def test_proposals_and_survey_totals_are_published_and_valid(client, cast, tmp_path):
    table = participation.make_table()
    proposal = participation.make_proposal(table, number=7)
    first = participation.fate(proposal, Outcome.DEFERRED)
    participation.change(first, outcome=Outcome.NOT_TAKEN)
    question = services.save(
        instance=SurveyQuestion(
            survey=participation.make_survey(), order=1, text="¿Consulta datos abiertos?"
        )
    )
    for order, label, count in ((1, "Sí", 30), (2, "No", 10)):
        services.save(
            instance=SurveyOption(question=question, order=order, label=label, count=count)
        )

    def proposal_on(day):
        (row,) = read_csv(client, "propuestas", f"?fecha={day.isoformat()}")
        return row["numero"], row["destino"]

    assert read_csv(client, "propuestas", "?fecha=2025-06-08") == []
    assert proposal_on(participation.PUBLISHED) == ("7", str(Outcome.DEFERRED.label))
    assert proposal_on(participation.CHANGED) == ("7", str(Outcome.NOT_TAKEN.label))
    survey = read_csv(client, "encuesta")
    assert [(r["opcion"], r["respuestas"], r["porcentaje"]) for r in survey] == [
        ("Sí", "30", "75.0"),
        ("No", "10", "25.0"),
    ]
    path = write_served_package(client, tmp_path)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "type", "note"])
