"""The live TUI: a thin layer that drains a run's events once per frame and shows its state."""
