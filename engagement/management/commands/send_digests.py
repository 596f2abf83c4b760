from django.core.management.base import BaseCommand

from engagement import digests, services


class Command(BaseCommand):
    help = (
        "Envía a cada persona que sigue un compromiso (y confirmó su correo) un resumen con "
        "lo que se publicó desde el anterior, como máximo uno al día; reintenta los avisos de "
        "respuesta pendientes y borra los datos personales vencidos (suscripciones sin "
        "confirmar, correos de preguntas). Se corre una vez al día."
    )

    def handle(self, *args, **options):
        notices = digests.retry_answer_notices()
        sent = digests.send_digests()
        subscriptions, emails = services.purge_personal_data()
        self.stdout.write(
            f"Resúmenes enviados: {sent}. Avisos de respuesta reenviados: {notices}. "
            f"Suscripciones sin confirmar borradas: {subscriptions}. "
            f"Correos de preguntas borrados: {emails}."
        )
