"""Who may do what: a user's role grants, each scoped to an organiser, a bloc or a unit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from blocs.choices import Role


class RoleGrant(models.Model):
    """One role of a user. Reviewer → organizer; secretary → bloc; leader representative → unit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    organizer = models.ForeignKey("blocs.Organizer", verbose_name=_("cơ quan tổ chức"), null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    bloc = models.ForeignKey("blocs.Bloc", verbose_name=_("khối"), null=True, blank=True, on_delete=models.CASCADE, related_name="secretary_grants")
    unit = models.ForeignKey("blocs.Unit", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.ADMIN)
                    | Q(role=Role.REVIEWER, organizer__isnull=False)
                    | Q(role=Role.SECRETARY, bloc__isnull=False)
                    | Q(role=Role.LEADER_REP, unit__isnull=False)
                ),
                name="rolegrant_has_scope",
            ),
        ]

    def clean(self):
        needed = {Role.REVIEWER: "organizer", Role.SECRETARY: "bloc", Role.LEADER_REP: "unit"}.get(self.role)
        if needed and not getattr(self, f"{needed}_id"):
            raise ValidationError({needed: _("Vai trò này cần chọn phạm vi.")})

    def __str__(self):
        scope = self.organizer or self.bloc or self.unit or ""
        return f"{self.user}: {self.get_role_display()} {scope}".strip()
