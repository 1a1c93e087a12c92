"""Demo data of the blocs area (pledges, meetings, attendance, succession); called by blocs.demo.load_demo after the conferences are loaded."""


def load():
    """Idempotent: find every record by its natural key first."""
