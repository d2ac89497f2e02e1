"""`python -m conc_tui`: the same as the `conc-tui` command."""

import sys

from conc_tui.cli import main

sys.exit(main())
