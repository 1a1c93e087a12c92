"""Crawl the app as each demo account, the way its user would click through it.

From the home page, every internal link a page shows (``href``, and ``hx-get`` fragments) is
followed with GET. A link is followed at most a few times per URL shape (the route plus the
names of its query parameters), so the crawl stays fast yet reaches every kind of page.

What each page must satisfy:
- no server error; no link shown to a user that answers 403 or 404 (or sends them to the login
  page) for that same user: a link the user cannot use is a defect;
- a full HTML page has ``lang="vi"``, a non-empty ``<title>``, a breadcrumb or an ``<h1>``; a page
  of a bloc or bloc-year has the same trail (home › blocs › the bloc › the year › … › itself);
- its visible text (and the labels of buttons, placeholders, titles) is NFC and has no English UI
  word left over ("Submit", "Save", "None" shown as a value, English month names...);
- every form control has a label; scripts, styles and images come from the app (no CDN).

Downloads (PDF, Excel, Word) are fetched (they must answer 200 with a plain file name) but not
parsed. Then every POST form of the crawled pages is sent as shown: no server error, no form shown
that answers 403, a Vietnamese answer. The admin site is visited at its index only; logging out is
never followed.
"""

import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

DEMO_ACCOUNTS = ["admin", "banthidua", "thuky", "truongkhoi"]
PER_SHAPE = 3  # pages followed per URL shape
MAX_PAGES = 600  # a guard against a crawl that never ends
SKIP_URL_NAMES = {"logout", "login"}
# English words of a user interface that should have been translated. Matched as whole words,
# case-sensitive, in visible text only.
ENGLISH_UI_WORDS = [
    "Submit", "Save", "Delete", "Next", "Previous", "Search", "None", "True", "False", "Edit",
    "Cancel", "Back", "Add", "Remove", "Update", "Create", "Loading", "Page", "Yes", "No",
    "Filter", "Download", "Upload", "Print", "Close", "Details", "Name", "Status", "Date",
    "Login", "Log in", "Logout", "Password", "Username", "Home", "Choose", "Select", "required",
    "This field", "Invalid", "Error", "Warning", "Actions", "Total", "Open", "Show", "Hide",
    "Currently", "Change", "Clear", "nan", "NaN", "null", "undefined", "Unknown",
    # dates and times written by an English locale
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "a.m.", "p.m.", "midnight", "noon",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH_UI_WORDS) + r")(?![\w-])")


class Page(HTMLParser):
    """What the crawl needs of an HTML page: links, title, lang, breadcrumb/heading, visible text."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (kind, url): kind "href" or "hx-get"
        self.lang = None
        self.title = ""
        self.has_breadcrumb = False
        self.crumbs = []  # hrefs of the breadcrumb trail
        self.crumb_current = False  # the trail ends on the page itself (aria-current)
        self._crumb_depth = None
        self.has_h1 = False
        self.text = []
        self.controls = []  # (tag, name, id, labelled by an attribute or an enclosing <label>)
        self.label_for = set()
        self.assets = []  # src/href of scripts, styles, images, fonts: the machines are offline
        self._stack = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "h1":
            self.has_h1 = True
        classes = (attrs.get("class") or "").split()
        if "breadcrumbs" in classes or "breadcrumb" in classes or (attrs.get("aria-label") or "").lower() in {
            "breadcrumb", "đường dẫn"
        }:
            self.has_breadcrumb = True
            if self._crumb_depth is None:
                self._crumb_depth = len(self._stack)
        if self._crumb_depth is not None and self._crumb_depth >= 0:
            if tag == "a" and attrs.get("href"):
                self.crumbs.append(attrs["href"])
            if attrs.get("aria-current"):
                self.crumb_current = True
        if tag == "a" and attrs.get("href"):
            self.links.append(("href", attrs["href"]))
        if attrs.get("hx-get"):
            self.links.append(("hx-get", attrs["hx-get"]))
        for name in ("placeholder", "title", "aria-label", "alt"):
            if attrs.get(name):
                self.text.append(attrs[name])
        if tag in ("input", "button") and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.text.append(attrs["value"])
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag == "label" and attrs.get("for"):
            self.label_for.add(attrs["for"])
        kind = (attrs.get("type") or "text").lower()
        if (tag in ("select", "textarea") or (tag == "input" and kind not in ("hidden", "submit", "button", "image", "reset"))) \
                and self._hidden_depth == 0 and "hidden" not in attrs:
            labelled = any(attrs.get(a) for a in ("aria-label", "aria-labelledby", "title")) or any(
                t == "label" for t, _ in self._stack)
            self.controls.append((tag, attrs.get("name"), attrs.get("id"), labelled))
        if tag in self.VOID:
            return
        hidden = tag in ("script", "style", "template") or "hidden" in attrs
        self._stack.append((tag, hidden))
        self._hidden_depth += hidden

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in {t for t, _ in self._stack}:
            return
        while self._stack:
            top, hidden = self._stack.pop()
            self._hidden_depth -= hidden
            if self._crumb_depth is not None and len(self._stack) <= self._crumb_depth:
                self._crumb_depth = -1  # the trail is over (only the first one counts)
            if top == tag:
                break

    def handle_data(self, data):
        if self._stack and self._stack[-1][0] == "title":
            self.title += data
        if self._hidden_depth == 0 and data.strip():
            self.text.append(data)


def _shape(path, query):
    match = resolve(path)
    return (match.view_name, tuple(sorted(match.kwargs)), tuple(sorted({k for k, _ in parse_qsl(query)})))


def _internal(base, href):
    """The internal path?query of ``href`` seen on ``base``, or None for what is not crawled."""
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.netloc != "testserver":
        return None
    if parts.path.startswith(("/static/", "/media/")):
        return None
    if parts.path.startswith("/quan-tri/") and parts.path != "/quan-tri/":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _trail_problems(url, shape, page):
    """A page inside a bloc-year shows the same trail: home › blocs › the bloc › the year › … › itself."""
    if not page.has_breadcrumb:
        return []
    problems = []
    if not page.crumb_current:
        problems.append(f"{url}: the breadcrumb does not end on the page itself (aria-current)")
    kwargs = resolve(urlsplit(url).path).kwargs
    if "bloc_id" in kwargs:
        from django.urls import reverse

        expected = [reverse("home"), reverse("blocs:bloc_list"), reverse("blocs:bloc_detail", args=[kwargs["bloc_id"]])]
        if "year" in kwargs:
            expected.append(reverse("blocs:bloc_year_detail", args=[kwargs["bloc_id"], kwargs["year"]]))
        if shape[0] in ("blocs:bloc_detail",):
            expected = expected[:2]
        if shape[0] in ("blocs:bloc_year_detail",):
            expected = expected[:3]
        if page.crumbs[: len(expected)] != expected:
            problems.append(f"{url}: breadcrumb {page.crumbs} does not start with {expected}")
    return problems


def crawl(client, pages=None):
    """Follow every link from the home page; return (pages by kind, problems). ``pages``, a list,
    receives (url, html) of every full page parsed."""
    problems = []
    seen = {"/"}
    queue = [("/", "/", "href")]
    per_shape = Counter()
    fetched = Counter()
    while queue:
        url, source, kind = queue.pop(0)
        path, _, query = url.partition("?")
        try:
            shape = _shape(path, query)
        except Resolver404:
            problems.append(f"{source}: link to {url} matches no route")
            continue
        if shape[0] in SKIP_URL_NAMES:
            continue
        if per_shape[shape] >= PER_SHAPE:
            continue
        per_shape[shape] += 1
        if sum(fetched.values()) >= MAX_PAGES:
            problems.append(f"crawl stopped after {MAX_PAGES} pages")
            break
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = response["Location"]
            if urlsplit(target).path.startswith("/dang-nhap/"):
                problems.append(f"{source}: link to {url} sends the user to the login page")
                continue
            if urlsplit(target).path == path:
                problems.append(f"{source}: link to {url} redirects to itself")
                continue
            response = client.get(target)
            url = target
        status = response.status_code
        if status >= 500:
            problems.append(f"{source}: {url} answers {status}")
            continue
        if status in (403, 404, 405):
            problems.append(f"{source}: {url} is shown as a link but answers {status}")
            continue
        if status != 200:
            problems.append(f"{source}: {url} answers {status}")
            continue
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            fetched["download"] += 1
            disposition = response.get("Content-Disposition", "")
            filename = re.search(r'filename="([^"]+)"', disposition)
            if not filename or not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", filename.group(1)):
                problems.append(f"{url}: a download without a plain file name ({disposition!r})")
            b"".join(response.streaming_content) if response.streaming else response.content
            continue
        page = Page()
        page.feed(response.content.decode())
        page.close()
        fragment = kind == "hx-get" or bool(response.headers.get("HX-Request"))
        fetched["fragment" if fragment else "page"] += 1
        if pages is not None and not fragment:
            pages.append((url, response.content.decode()))
        if not fragment:
            if page.lang != "vi":
                problems.append(f"{url}: <html lang> is {page.lang!r}, not 'vi'")
            if not page.title.strip():
                problems.append(f"{url}: no <title>")
            for asset in page.assets:
                if not asset.startswith("/") or asset.startswith("//"):
                    problems.append(f"{url}: loads {asset} from outside the app (no CDN: the machines are offline)")
            for tag, name, id_, labelled in page.controls:
                if not labelled and id_ not in page.label_for:
                    problems.append(f"{url}: <{tag} name={name!r}> has no label")
            if not (page.has_breadcrumb or page.has_h1):
                problems.append(f"{url}: neither a breadcrumb nor an <h1>")
            problems += _trail_problems(url, shape, page)
        visible = "\n".join(page.text)
        if not unicodedata.is_normalized("NFC", visible):
            problems.append(f"{url}: text not in Unicode NFC")
        if "---------" in response.content.decode():
            problems.append(f"{url}: Django's '---------' empty choice instead of a Vietnamese prompt")
        for word in sorted({m.group(1) for m in ENGLISH_RE.finditer(visible)}):
            context = next(line.strip() for line in page.text if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", line))
            problems.append(f"{url}: English word {word!r} in {context[:80]!r}")
        for link_kind, href in page.links:
            target = _internal(url, href)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, url, link_kind))
    return fetched, problems


class Forms(HTMLParser):
    """The POST forms of a page, with the values a browser would send if the user changed nothing."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "data": [], "files": False, "submits": [], "can_send": False}
            self.forms.append(self._form)
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if (tag == "button" and (attrs.get("type") or "submit").lower() == "submit") or (
            tag == "input" and (attrs.get("type") or "").lower() in ("submit", "image")
        ):
            form["can_send"] = True
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                form["files"] = True
            elif kind in ("submit", "image"):
                form["submits"].append((name, attrs.get("value") or ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    form["data"].append((name, attrs.get("value") or "on"))
            else:
                form["data"].append((name, attrs.get("value") or ""))
        elif tag == "button" and name and (attrs.get("type") or "submit") == "submit":
            form["submits"].append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "selected": [], "multiple": "multiple" in attrs}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["selected"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["selected"] or ([] if self._select["multiple"] else [self._select["first"] or ""])
            self._form["data"] += [(self._select["name"], v) for v in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form["data"].append(tuple(self._textarea))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def post_forms_unchanged(client, pages):
    """Send every POST form of ``pages`` ((url, html) pairs) as shown (the user presses its button
    without typing); return (number of forms sent, problems)."""
    problems = []
    sent = set()
    for url, html in pages:
        if url.startswith("/quan-tri/"):
            continue
        parser = Forms()
        parser.feed(html)
        for form in parser.forms:
            action = _internal(url, form["action"] or url)
            if not action or form["files"] or not form["can_send"]:
                continue
            try:
                name = resolve(urlsplit(action).path).view_name
            except Resolver404:
                problems.append(f"{url}: a form posts to {action}, which matches no route")
                continue
            if name in SKIP_URL_NAMES or (name, urlsplit(action).path) in sent:
                continue
            sent.add((name, urlsplit(action).path))
            data = {}
            for key, value in form["data"] + form["submits"][:1]:
                data.setdefault(key, []).append(value)
            answer = client.post(action, data)
            if answer.status_code >= 500:
                problems.append(f"{url}: the form to {action} sent unchanged answers {answer.status_code}")
            elif answer.status_code == 403:
                problems.append(f"{url}: the form to {action} is shown but answers 403")
            elif answer.status_code == 200 and answer.get("Content-Type", "").startswith("text/html"):
                page = Page()
                page.feed(answer.content.decode())
                visible = "\n".join(page.text)
                for word in sorted({m.group(1) for m in ENGLISH_RE.finditer(visible)}):
                    problems.append(f"{action} (form of {url}): English word {word!r} in the answer")
    return len(sent), problems


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_every_page_and_form_a_demo_user_can_reach_works_and_speaks_vietnamese(demo, username):
    """Every page reachable from home (see the module's docstring); then every form of those pages
    sent as shown (the user presses its button without typing): a Vietnamese answer (the form with
    its errors, or the next page), never a server error, never a form the user may not send."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    pages = []
    fetched, problems = crawl(client, pages)
    forms, form_problems = post_forms_unchanged(client, pages)
    problems += form_problems
    assert not problems, f"{username}: {len(problems)} problems\n" + "\n".join(problems)
    # The crawl really went through the app, not only the home page.
    assert fetched["page"] >= 25 and fetched["download"] >= 10 and forms >= 1, (fetched, forms)


def test_the_login_page_a_visitor_lands_on_is_vietnamese(db):
    client = Client()
    response = client.get("/", follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0].startswith("/dang-nhap/")
    page = Page()
    page.feed(response.content.decode())
    assert page.lang == "vi" and page.title.strip() and page.has_h1
    visible = "\n".join(page.text)
    assert not ENGLISH_RE.findall(visible), ENGLISH_RE.findall(visible)
    assert all(labelled or id_ in page.label_for for _, _, id_, labelled in page.controls), page.controls
    # A wrong password: a Vietnamese error on the same page, the user name kept.
    response = client.post("/dang-nhap/", {"username": "thuky", "password": "sai"})
    page = Page()
    page.feed(response.content.decode())
    visible = "\n".join(page.text)
    assert response.status_code == 200 and not ENGLISH_RE.findall(visible), ENGLISH_RE.findall(visible)
    assert 'value="thuky"' in response.content.decode()
