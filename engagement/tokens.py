"""The signed links of a subscription (confirm, unsubscribe): the services check them and the
messages carry them."""

from django.core import signing

CONFIRM_SALT = "engagement.subscription.confirm"
UNSUBSCRIBE_SALT = "engagement.subscription.unsubscribe"


def unsubscribe_token(subscription):
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)
