"""Demo data of the proposals area (votes, quotas, individual nominees); called by blocs.demo.load_demo after the conferences are loaded."""


def load():
    """Idempotent: find every record by its natural key first."""
