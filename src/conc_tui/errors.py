"""Every error a user may see: one base class, so the command line catches one type.

A `UserError`'s message is one line, written for the person at the terminal (what is wrong and,
where it helps, what to do instead). The command line prints it after the command's name and exits
with code 2; nothing else is caught there, so a bug still shows its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an impossible request from the user: one line on stderr, exit code 2."""


class UsageError(UserError):
    """A command line that does not make sense (an unknown demo, model or option, a bad number)."""


class OutputPathError(UserError, ValueError):
    """An output file that cannot be written."""


class LogError(UserError, ValueError):
    """An event log that cannot be replayed."""
