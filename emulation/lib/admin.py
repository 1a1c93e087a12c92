"""Admin helpers shared by both apps."""


class ReadOnlyAdminMixin:
    """An admin (or inline) that shows rows and changes none: for the models whose every change goes
    through a service that checks the rules and writes the audit history (members and roles, votes,
    rankings, proposals)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
