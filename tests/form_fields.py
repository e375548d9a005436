"""The fields a page's form would send, read from its HTML (tests post forms as shown)."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The fields a page's form with this action would send as it stands."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields = action, False, None
        self.select, self.first_option, self.textarea = None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "form"
            and a.get("action", "").split("?")[0] == self.action
            and self.fields is None
        ):
            self.inside, self.fields = True, {}
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("checkbox", "radio", "submit"):
            self.fields[name] = a.get("value", "")
        elif tag == "input" and name and "checked" in a:
            self.fields[name] = a.get("value", "on")
        elif tag == "select":
            self.select, self.first_option = name, True
        elif tag == "option" and self.select:
            if self.first_option or "selected" in a:
                self.fields[self.select] = a.get("value", "")
            self.first_option = False
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def form_fields(html, action):
    """The fields of the form posting to action, as the page rendered them."""
    reader = FormReader(action)
    reader.feed(html)
    assert reader.fields is not None, f"no form posts to {action}"
    return reader.fields
