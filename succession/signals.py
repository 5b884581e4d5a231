"""What succession tells the floors above (they connect receivers; it imports none)."""

from django.dispatch import Signal

# A graduate of the pool took a key seat: sent with ``fill`` (the PositionFill),
# ``candidate`` and ``actor`` inside the graduation's transaction, so what the receivers
# open (the first 180 days' plan on the agreement, a mentor to pair) stands or falls
# with it.
seat_taken = Signal()
