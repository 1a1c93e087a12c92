"""The audit history: every change to scores, votes, leaders and proposals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blocs.audit.labels import action_label


class AuditEntry(models.Model):
    """One recorded change. Write it only through ``blocs.audit.services.record``."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("hành động"), max_length=60)
    object_type = models.CharField(_("loại đối tượng"), max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    bloc_year = models.ForeignKey("blocs.BlocYear", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries")
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True, help_text=_("{trường: [cũ, mới]}"))
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("lịch sử thay đổi")
        verbose_name_plural = _("lịch sử thay đổi")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"

    @property
    def label(self):
        """The action's Vietnamese name (one table: ``blocs.audit.labels``)."""
        return action_label(self.action)
