"""A mail server for the fault tests, run as its own process: it accepts every message
and appends one line per delivered message (the recipient) to a file. With a delay, it
answers each RCPT slowly, so a test can kill a worker while a mail is in flight; a
message counts only once its data has arrived, as a real server would accept it.

    python -m tests.faults.smtp_sink PORT OUTFILE [RCPT_DELAY_SECONDS]
"""

import asyncio
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, outfile: str, delay: float):
        self.outfile = outfile
        self.delay = delay

    def _log(self, line: str) -> None:
        with open(self.outfile, "a") as out:
            out.write(line + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._log(f"rcpt {address}")
        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self._log(f"sent {address}")
        return "250 Message accepted for delivery"


def main() -> None:
    port, outfile = int(sys.argv[1]), sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    controller = Controller(Sink(outfile, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"listening on {port}", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
