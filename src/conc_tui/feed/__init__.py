"""The seam between the engine and the screens: where a run's events come from, and the fold.

A screen knows only a `RunSource` (live, played back from a log, or scripted with fixed timestamps)
and the fold that turns what it drains into frozen frames. Nothing here imports Textual.
"""
