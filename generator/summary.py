"""The Summary model (../shared/BRIEF_FORMAT.md), its JSON Schema, and deterministic YAML I/O.

Validation runs the shipped JSON Schema over the parsed YAML and reports every error at once with
the file, the line and the key, before any dataclass is built.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import BriefingError

SCHEMA_VERSION = "briefing.summary/1"
EVENT_TYPES = ("battles", "explosions-remote-violence", "violence-against-civilians", "protests",
               "riots", "strategic-developments", "other")
CASUALTY_STATUSES = ("killed", "injured", "captured", "missing", "displaced", "arrested", "abducted")
QUALIFIERS = ("exact", "at-least", "at-most", "about", "range", "unspecified")
ACTOR_KINDS = ("state-forces", "rebel-groups", "political-militias", "identity-militias", "rioters",
               "protesters", "civilians", "external-forces", "other")
PLACE_KINDS = ("country", "province", "district", "city", "village", "feature")
PRECISIONS = ("day", "week", "month", "year")


@dataclass
class ReportRef:
    file: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass
class ExtractedBy:
    tool: str
    model: str | None = None


@dataclass
class Event:
    type: str = "other"
    subtype: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str | None = None
    precision: str | None = None


@dataclass
class Location:
    name: str
    kind: str = "city"
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: str | None = None


@dataclass
class Actor:
    name: str
    kind: str = "other"


@dataclass
class Casualty:
    status: str
    count: int | None = None
    count_max: int | None = None
    qualifier: str = "unspecified"
    who: str | None = None
    claimed_by: str | None = None
    evidence: str | None = None
    background: bool = False          # stated in a background sentence: not this incident's toll


@dataclass
class Claim:
    by: str
    role: str | None = None
    kind: str = "statement"
    text: str = ""


@dataclass
class Summary:
    report: ReportRef
    extracted_by: ExtractedBy
    event: Event = field(default_factory=Event)
    summary: str = ""
    locations: list[Location] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    incident: str | None = None
    reviewed: bool = False
    schema: str = SCHEMA_VERSION

    # ---------------------------------------------------------------- dict / YAML form

    def in_file_order(self) -> dict:
        """The top-level fields in the contract's key order (the order analysts see in the file),
        the nested models left as they are."""
        return {"schema": self.schema, "report": self.report, "extracted_by": self.extracted_by,
                "incident": self.incident, "reviewed": self.reviewed, "event": self.event,
                "summary": self.summary, "locations": self.locations, "actors": self.actors,
                "casualties": self.casualties, "claims": self.claims}

    def to_dict(self) -> dict:
        """Plain data in the contract's key order."""
        return {key: plain_data(value) for key, value in self.in_file_order().items()}

    @classmethod
    def from_dict(cls, data: dict) -> "Summary":
        """Build from data that already passed the schema (unknown extra keys are ignored)."""
        def build(kind, value):
            names = _field_names(kind)
            if not value:
                return kind()
            if names.issuperset(value):
                return kind(**value)
            return kind(**{k: v for k, v in value.items() if k in names})

        event = build(Event, data.get("event"))
        event.date = _as_date(event.date)
        event.date_end = _as_date(event.date_end)
        report = build(ReportRef, data["report"])
        report.published = _as_date(report.published)
        return cls(
            schema=data.get("schema", SCHEMA_VERSION),
            report=report,
            extracted_by=build(ExtractedBy, data.get("extracted_by")),
            incident=None if data.get("incident") is None else str(data["incident"]),
            reviewed=bool(data.get("reviewed", False)),
            event=event,
            summary=data.get("summary") or "",
            locations=[build(Location, x) for x in data.get("locations") or []],
            actors=[build(Actor, x) for x in data.get("actors") or []],
            casualties=[build(Casualty, x) for x in data.get("casualties") or []],
            claims=[build(Claim, x) for x in data.get("claims") or []],
        )


@lru_cache(maxsize=None)
def _field_names(kind) -> frozenset[str]:
    return frozenset(f.name for f in fields(kind))


def plain_data(value):
    """dataclasses.asdict for these flat models, without its deep copies (several times faster).
    Plain values are passed on where they stand: the data downloads convert a million of them."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else plain_data(v) for v in value]
    names = _dataclass_names(kind)
    if names is None:
        return plain_data(list(value)) if isinstance(value, list) else value
    return {name: v if type(v) in _PLAIN else plain_data(v)
            for name, v in zip(names, [getattr(value, name) for name in names])}


_PLAIN = frozenset({str, int, float, bool, type(None), dt.date})


@lru_cache(maxsize=None)
def _dataclass_names(kind) -> tuple[str, ...] | None:
    fields_ = getattr(kind, "__dataclass_fields__", None)
    return tuple(fields_) if fields_ is not None else None


def _as_date(value):
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


# -------------------------------------------------------------------- YAML output

# libyaml's C emitter when PyYAML has it: the same bytes (tested), several times faster.
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _str_presenter(dumper, value):
    style = ">" if len(value) > 90 and "\n" not in value else None
    if "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_summary(summary: Summary) -> str:
    """Deterministic YAML: same Summary -> same bytes."""
    return dump_data(summary.to_dict())


def dump_data(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


# -------------------------------------------------------------------- schema + validation

@lru_cache(maxsize=1)
def summary_schema() -> dict:
    text = resources.files("generator").joinpath("data/summary.schema.json").read_text("utf-8")
    return json.loads(text)


def _jsonable(value):
    """YAML dates -> ISO strings so the JSON Schema sees what a JSON consumer would."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _line_of(node, path) -> int | None:
    """Line (1-based) of the YAML node at a JSON path, or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == key:
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(summary_schema())


@lru_cache(maxsize=1)
def _fast_check():
    """The schema compiled to Python code (fastjsonschema): ten times the speed of jsonschema, which
    matters when a fresh clone builds from ten thousand summaries. It stops at the first problem, so
    it only says yes or no; jsonschema then names every problem. The schema uses no keyword that
    draft 7 lacks, so it is compiled as draft 7 (fastjsonschema knows no 2020-12)."""
    import fastjsonschema

    schema = dict(summary_schema(), **{"$schema": "http://json-schema.org/draft-07/schema#"})
    return fastjsonschema.compile(schema)


def _schema_problems(data: dict) -> list:
    import fastjsonschema

    plain = _jsonable(data)
    try:
        _fast_check()(plain)
        return []
    except fastjsonschema.JsonSchemaException:
        return sorted(_validator().iter_errors(plain), key=lambda e: list(map(str, e.absolute_path)))


def validate_summary_text(text: str, file: str) -> tuple[dict, list[BriefingError]]:
    """Parse and validate one summary file. Returns (data, errors); errors name file/line/key."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        return {}, [BriefingError(f"not valid YAML: {problem}", file=file,
                                  line=mark.line + 1 if mark else None)]
    if not isinstance(data, dict):
        return {}, [BriefingError("a summary must be a YAML mapping (key: value)", file=file, line=1)]
    problems = _schema_problems(data)
    if not problems:
        return data, []
    node = yaml.compose(text, Loader=_LOADER)       # only to point at lines when something is wrong
    errors = []
    for err in problems:
        path = list(err.absolute_path)
        key = ".".join(str(p) for p in path) or "(top level)"
        errors.append(BriefingError(f"{key}: {_friendly(err)}", file=file, line=_line_of(node, path)))
    return data, errors


def _friendly(err) -> str:
    if err.validator == "enum":
        return f"{err.instance!r} is not one of: {', '.join(map(str, err.validator_value))}"
    if err.validator == "required":
        return err.message.replace("is a required property", "is missing")
    if err.validator == "additionalProperties":
        return err.message
    return err.message


def load_summary(path: Path, rel: str | None = None) -> Summary:
    rel = rel or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise BriefingError(f"cannot read the summary: {err}", file=rel) from err
    return Summary.from_dict(checked_data(text, rel))


def checked_data(text: str, rel: str) -> dict:
    """The summary's data, or every problem with it raised at once (one error, or an ErrorList)."""
    data, errors = validate_summary_text(text, rel)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        from .errors import ErrorList
        raise ErrorList(errors)
    return data


# -------------------------------------------------------------------- parsed-summary cache

SHARDS = "0123456789abcdef"      # a cache kept in sixteen files by its keys' first hex digit


def shard_path(path: Path, shard: str) -> Path:
    """"parsed.pickle", shard "a" -> "parsed-a.pickle" beside it."""
    return path.with_name(f"{path.stem}-{shard}{path.suffix}")


class ParsedSummaries:
    """Validated summaries by the sha256 of the file's text, so a build parses and validates
    only the summaries that changed. The key holds the text's hash; a file of entries is only
    used when it was written by this same code (tool version, schema and this module's source).

    The entries are kept in SHARDS files beside `path` (parsed-0.pickle ... parsed-f.pickle, by
    the key's first hex digit): when one summary changes, only its sixteenth is written again."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, Summary] = {}
        self.used: set[str] = set()       # keys of the summaries loaded in this run
        self.dirty: set[str] = set()      # shards with new entries
        for shard in SHARDS:
            try:
                with shard_path(self.path, shard).open("rb") as fh:
                    stamp, entries = pickle.load(fh)
                if stamp == _cache_stamp() and isinstance(entries, dict):
                    self.entries.update(entries)
            except (OSError, EOFError, pickle.PickleError, ValueError, TypeError, AttributeError):
                pass

    def load(self, path: Path, rel: str) -> Summary:
        return self.load_keyed(path, rel)[0]

    def load_keyed(self, path: Path, rel: str) -> tuple[Summary, str]:
        """The summary and the sha256 of its file's text (what it is made from)."""
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise BriefingError(f"cannot read the summary: {err.strerror}", file=rel) from err
        key = hashlib.sha256(raw).hexdigest()
        summary = self.entries.get(key)
        if summary is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise BriefingError("the summary is not UTF-8 text", file=rel) from err
            summary = Summary.from_dict(checked_data(text, rel))
            self.entries[key] = summary
            self.dirty.add(key[0])
        self.used.add(key)
        return summary, key

    def remember(self, text: str, summary: Summary) -> None:
        """A summary just written as `text`: known without parsing it back."""
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.entries[key] = Summary.from_dict(summary.to_dict())
        self.dirty.add(key[0])

    def save(self, keep_unused: bool = False) -> None:
        """Write the shards that changed; without keep_unused, entries not loaded in this run go."""
        from .output import write_bytes_atomic

        for shard in SHARDS:
            entries = {k: v for k, v in self.entries.items() if k[0] == shard}
            if not keep_unused:
                kept = {k: v for k, v in entries.items() if k in self.used}
                if len(kept) < len(entries):
                    self.dirty.add(shard)
                entries = kept
            if shard not in self.dirty:
                continue
            try:
                write_bytes_atomic(shard_path(self.path, shard),
                                   pickle.dumps((_cache_stamp(), entries), protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:
                pass                      # a read-only site only costs the parsing next time
        self.dirty = set()


@lru_cache(maxsize=1)
def _cache_stamp() -> str:
    from . import TOOL

    source = Path(__file__).read_bytes() + json.dumps(summary_schema(), sort_keys=True).encode()
    return TOOL + ":" + hashlib.sha256(source).hexdigest()[:16]
