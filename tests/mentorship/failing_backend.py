"""An e-mail backend whose server refuses some addresses (outside I/O is the one thing
tests may fake)."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

REFUSED: set[str] = set()
ATTEMPTS: list[str] = []


class EmailBackend(LocmemBackend):
    def send_messages(self, messages):
        for message in messages:
            ATTEMPTS.extend(message.to)
            if REFUSED.intersection(message.to):
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
