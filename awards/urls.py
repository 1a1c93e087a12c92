from .urls_proposals import urlpatterns as proposal_urls
from .urls_scoring import urlpatterns as scoring_urls

app_name = "awards"

urlpatterns = [*scoring_urls, *proposal_urls]
