"""The audit history: every change to scores, votes, leaders and proposals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.audit.labels import action_label


class AppendOnly(Exception):
    """An attempt to change or delete recorded history."""


class AuditQuerySet(models.QuerySet):
    """Rows are added, never changed nor deleted (on PostgreSQL a trigger also refuses it: migration 0003)."""

    def update(self, **kwargs):
        raise AppendOnly("audit history is append-only")

    def delete(self):
        raise AppendOnly("audit history is append-only")


class AuditEntry(models.Model):
    """One recorded change. Write it only through ``blocs.audit.services.record``.

    Append-only. The user and bloc-year are kept as ids without a database constraint, so deleting a
    user (or an empty bloc-year) changes no history row; ``user_name`` keeps who it was.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
                             on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    user_name = models.CharField(_("tên người thực hiện"), max_length=300, blank=True, default="")
    action = models.CharField(_("hành động"), max_length=60)
    object_type = models.CharField(_("loại đối tượng"), max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    bloc_year = models.ForeignKey("blocs.BlocYear", null=True, blank=True, on_delete=models.DO_NOTHING,
                                  db_constraint=False, related_name="audit_entries")
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True, help_text=_("{trường: [cũ, mới]}"))
    reason = models.TextField(_("lý do"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("lịch sử thay đổi")
        verbose_name_plural = _("lịch sử thay đổi")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.label} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("audit history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit history is append-only")

    @property
    def who(self):
        return self.user_name or "—"

    @property
    def label(self):
        """The action's Vietnamese name (one table: ``blocs.audit.labels``)."""
        return action_label(self.action)
