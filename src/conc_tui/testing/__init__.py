"""Fakes and helpers for testing conc-tui and what is built on it: one public home (like
`trio.testing`), importable by any test folder and by spawned child processes, which must import a
job's function by its module name.

- `engine`: run a runner to its end, drain a bus until a condition holds, tell a process is gone.
- `jobs`: tiny module-level jobs for the runners (a spawned child can import them).
- `processes`: a process's descendants from /proc, and a wait until none of them runs.
- `pilot`: apps fed by scripted runs, and waiting on a condition in a Pilot test (imports Textual).

Scripted runs with fixed timestamps live in `conc_tui.feed` (the screenshots use them too).
"""
