"""Widgets of the review screen: the claim list, the article view and the detail pane."""
