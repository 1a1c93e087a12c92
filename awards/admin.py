from django.contrib import admin

from . import models


@admin.register(models.LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "valid_from", "valid_to", "confirmed"]
    search_fields = ["code", "title"]


class AwardRuleInline(admin.TabularInline):
    model = models.AwardRule
    extra = 0


@admin.register(models.AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "subject", "level", "authority"]
    inlines = [AwardRuleInline]


@admin.register(models.Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ["organizer", "year", "award_type", "max_count", "max_percent"]
    list_filter = ["year", "award_type"]
    autocomplete_fields = ["organizer"]


class TransitionInline(admin.TabularInline):
    model = models.ProposalTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "bloc_year", "status", "rank"]
    list_filter = ["status", "year", "award_type"]
    readonly_fields = ["status"]
    inlines = [TransitionInline]


class RankEntryInline(admin.TabularInline):
    model = models.RankEntry
    extra = 0


@admin.register(models.Ranking)
class RankingAdmin(admin.ModelAdmin):
    list_display = ["bloc_year", "status", "source"]
    inlines = [RankEntryInline]


@admin.register(models.Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["bloc_year", "candidate", "votes_for", "base_count", "base"]
