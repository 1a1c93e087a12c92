"""Demo data of the scoring area (criteria tables and scores that reproduce the seed rankings); called by blocs.demo.load_demo after the conferences are loaded."""


def load():
    """Idempotent: find every record by its natural key first."""
