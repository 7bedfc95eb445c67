"""The Textual UI of vtui. `vtui.tui.startup` is how it starts; nothing is imported here."""
