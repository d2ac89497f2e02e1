"""The app in a web browser (`conc-tui serve`): `server` runs textual-serve, one app per tab;
`driver` is the app's side of it."""
