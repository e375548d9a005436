"""The written parts of coaching: the agreement's texts and each cycle's conference fields."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TextSpec:
    """One text of the agreement or of a cycle: its label, kind and guiding question."""

    key: str
    label: str
    kind: str  # text, line, date or time
    prompt: str
    section: str  # agreement, pre or post


SPECS = (
    TextSpec(
        "strategies",
        "Strategies and skills to master",
        "text",
        "Which strategies and skills do we want to master together?",
        "agreement",
    ),
    TextSpec(
        "frequency",
        "How often we observe",
        "text",
        "How often do we need to observe each other to see a pattern emerge?",
        "agreement",
    ),
    TextSpec(
        "conferring",
        "Where and when we confer",
        "text",
        "In what places and at what times will we meet before and after an observation?",
        "agreement",
    ),
    TextSpec(
        "not_appropriate",
        "When observation is not appropriate",
        "text",
        "When would an observation not be appropriate, or not wanted?",
        "agreement",
    ),
    TextSpec("focus", "Focus", "text", "What will the observer look at?", "pre"),
    TextSpec(
        "indicators",
        "Success indicators",
        "text",
        "What would we see if it goes well?",
        "pre",
    ),
    TextSpec(
        "data",
        "Data to collect, and how",
        "text",
        "What will the observer note or count, and how (notes, tallies, a seating chart)?",
        "pre",
    ),
    TextSpec(
        "observer_role",
        "The observer's role",
        "text",
        "Where does the observer sit, and do they take part or only watch?",
        "pre",
    ),
    TextSpec("obs_date", "Observation date", "date", "Not set yet.", "pre"),
    TextSpec("obs_time", "Observation time", "time", "Not set yet.", "pre"),
    TextSpec("obs_place", "Observation place", "line", "Not set yet.", "pre"),
    TextSpec("debrief_date", "Debrief date", "date", "Not set yet.", "pre"),
    TextSpec("debrief_time", "Debrief time", "time", "Not set yet.", "pre"),
    TextSpec("debrief_place", "Debrief place", "line", "Not set yet.", "pre"),
    TextSpec(
        "reflection",
        "The observed person's own reflection",
        "text",
        "How did it go, in your own eyes? This comes first, before the observer's data.",
        "post",
    ),
    TextSpec("working", "What is working", "text", "What went well, and why?", "post"),
    TextSpec(
        "patterns", "Patterns in the data", "text", "What patterns do the notes show?", "post"
    ),
    TextSpec(
        "interpretation",
        "Interpretation and likely causes",
        "text",
        "What do the patterns mean, and what likely causes them?",
        "post",
    ),
    TextSpec(
        "improvement",
        "What needs further improvement",
        "text",
        "What would we like to improve next?",
        "post",
    ),
    TextSpec(
        "next_focus", "Next focus", "text", "What should the next observation look at?", "post"
    ),
    TextSpec("next_date", "Next observation date", "date", "Not set yet.", "post"),
    TextSpec(
        "on_coaching",
        "A word on the coaching itself",
        "text",
        "How did the coaching feel? What would make it more useful?",
        "post",
    ),
)
BY_KEY = {spec.key: spec for spec in SPECS}


def keys(section):
    """The keys of one section, in order."""
    return [spec.key for spec in SPECS if spec.section == section]


def spec(key):
    """The spec of a key (an unknown key reads as free text)."""
    return BY_KEY.get(key) or TextSpec(key, key, "text", "", "")
