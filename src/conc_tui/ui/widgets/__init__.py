"""The widgets the screens are made of: one widget per module, named after its class."""
