"""Trainings, network events, awareness campaigns and field activity (issue #6)."""
