"""Reminder kinds of the candidates app (development experiences register theirs here)."""
