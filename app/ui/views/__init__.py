"""The play page's parts, each a widget of its own, so that the presenter's audience
window can show the same conversation with the same code."""
