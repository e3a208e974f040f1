"""Initiatives and recognition: submissions, committee review, awards, showcase, emulation."""
