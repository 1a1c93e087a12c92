from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards import models
from emulation.lib.admin import ReadOnlyAdminMixin


@admin.register(models.LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """Legal bases and their dates; ``confirmed`` marks what the domain research could verify."""

    list_display = ["code", "title", "valid_from", "valid_to", "confirmed"]
    list_editable = ["valid_from", "valid_to", "confirmed"]
    list_filter = ["confirmed"]
    search_fields = ["code", "title"]


class AwardRuleInline(admin.TabularInline):
    model = models.AwardRule
    extra = 0
    fields = ["legal_basis", "valid_from", "valid_to", "params", "confirmed"]


@admin.register(models.AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "subject", "level", "authority", "order"]
    list_editable = ["order"]
    inlines = [AwardRuleInline]


@admin.register(models.AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    """Rule parameters per legal basis: values not confirmed by the research are editable here.

    ``params``: top_rank_only (int), bloc_leader_only (bool), legal (bool: hard stop or warning),
    article (text quoted in messages), required_attachments (list: submission, report, minutes, other).
    """

    list_display = ["award_type", "legal_basis", "valid_from", "valid_to", "confirmed"]
    list_filter = ["confirmed", "legal_basis", "award_type"]


@admin.register(models.Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ["organizer", "year", "award_type", "max_count", "max_percent"]
    list_filter = ["year", "award_type"]
    autocomplete_fields = ["organizer"]


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.ProposalTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]


class AttachmentInline(admin.TabularInline):
    model = models.ProposalAttachment
    extra = 0
    readonly_fields = ["kind", "file", "original_name", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Proposal)
class ProposalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: proposals and their workflow change only through the app's services (audited)."""

    list_display = ["__str__", "bloc_year", "status", "rank", "checks_blocking", "checks_warning", "decision_number"]
    list_filter = ["status", "year", "award_type", "subject"]
    search_fields = ["person_name", "unit__name", "bloc_year__bloc__name"]
    readonly_fields = ["status", "status_reason", "override_reason", "decision_number", "decision_date", "rule_set",
                       "submitted_at", "checks", "checks_at", "created_by"]
    list_select_related = ["bloc_year__bloc", "award_type", "unit"]
    inlines = [AttachmentInline, TransitionInline]



class RankEntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.RankEntry
    extra = 0


@admin.register(models.Ranking)
class RankingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: rankings are computed, approved (frozen) and reopened on the ranking page (audited)."""

    list_display = ["bloc_year", "status", "source"]
    inlines = [RankEntryInline]


@admin.register(models.Vote)
class VoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: votes are recorded on the bloc-year's vote page (audited, checked against the base)."""

    list_display = ["bloc_year", "candidate", "award_type", "votes_for", "base_count", "base", "present_count", "is_illustrative"]
    list_filter = ["is_illustrative", "base"]
    list_select_related = ["bloc_year__bloc", "unit", "award_type"]


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "text", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["user", "text", "url", "created_at"]
    verbose_name = _("thông báo")
