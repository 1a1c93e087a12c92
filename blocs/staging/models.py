"""Checked uploads waiting for the user's confirmation (previews), kept in their own table by the user and
a key (e.g. ``criteria_import_<bloc-year id>``), never in the session that every request loads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StagedImport(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("dữ liệu nhập chờ xác nhận")
        verbose_name_plural = _("dữ liệu nhập chờ xác nhận")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="staged_import_unique")]
