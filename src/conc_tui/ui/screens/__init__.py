"""The app's screens: one `Screen` subclass per module, each given what it needs by the app."""
