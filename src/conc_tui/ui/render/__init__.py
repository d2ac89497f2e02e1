"""What the widgets draw, as plain text and style names: no Textual, no Rich, tested without an
app."""
