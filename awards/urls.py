"""Every URL of the awards app, in the ``awards`` namespace, mounted at the site root.

A bloc-year's scoring, criteria, ranking, votes, proposals and documents live under
``/khoi/<bloc>/nam/<year>/...`` beside the blocs app's pages of the same year; the review queue,
quotas, notifications and a proposal by its number keep ``/khen-thuong/...``. The URLs of the
first version (``/khen-thuong/khoi/<bloc>/<year>/...``) answer 301 to the new ones.
"""

from django.urls import re_path

from awards.documents.urls import urlpatterns as document_urls
from awards.history.urls import urlpatterns as history_urls
from awards.proposals.urls import urlpatterns as proposal_urls
from awards.scoring.urls import urlpatterns as scoring_urls
from emulation.lib.redirects import moved_permanently

app_name = "awards"

urlpatterns = [
    *scoring_urls,
    *proposal_urls,
    *document_urls,
    *history_urls,
    re_path(r"^khen-thuong/khoi/(?P<bloc_id>\d+)/(?:nam/)?(?P<year>\d+)/(?P<rest>.*)$",
            moved_permanently("/khoi/{bloc_id}/nam/{year}/{rest}")),
    re_path(r"^khen-thuong/khoi/(?P<bloc_id>\d+)/don-vi/(?P<unit_id>\d+)/(?P<rest>.*)$",
            moved_permanently("/khoi/{bloc_id}/don-vi/{unit_id}/{rest}")),
]
