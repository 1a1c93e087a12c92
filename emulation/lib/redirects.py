"""Old addresses that moved: a 301 to the new one, the query string kept."""

from django.http import HttpResponsePermanentRedirect


def moved_permanently(pattern):
    """A view answering 301 to ``pattern`` filled with the URL's named groups."""

    def view(request, **kwargs):
        url = pattern.format(**kwargs)
        if request.META.get("QUERY_STRING"):
            url += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(url)

    return view
