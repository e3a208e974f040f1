"""Field surveys: survey builder, offline capture, results by area, export (issue #4)."""
