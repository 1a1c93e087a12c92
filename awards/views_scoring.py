"""Views of criteria tables, the score grid and the ranking."""
