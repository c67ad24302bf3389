"""The TUI's screens: the library, the review, and their dialogs."""
