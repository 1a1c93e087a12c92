"""Views that print the official documents (pledge, minutes, submission) as PDF."""
