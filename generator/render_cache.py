"""The render cache: a page whose own inputs did not change is not rendered again.

Every output file (a page, a feed, a data download) is made from three things: its own data (the
page's context: a brief, a list of briefs, a place ...), the parts of the site model its template
reads through `site` (site.build_date, site.months ...), and the code and templates that render
it. The cache keeps, per output file, a digest of each and the sha256 of the bytes they made:

    key         digest of the page's own data, the config, the template set and this code
    site_reads  the attributes of the site model the template read the last time it rendered
    site_key    digest of those attributes' values
    sha256      of the bytes rendered
    stat        (size, mtime_ns, ctime_ns, inode) of the output file as this build left it

A file is current, and neither rendered nor written, when its key and the digest of the same site
attributes are unchanged and the file on disk is still the one the last build left (its stat is
the same: git's index trusts a file the same way; any other file is rendered and compared byte for
byte). The reads are recorded while rendering (SiteReads), so a template that reads more of the
site, such as a site's own override, depends on more; since the page's own data and the templates
are part of the key, a template that read only these attributes last time reads only these again.

Digests are of content, never of modification times: Digests walks the data (dataclasses, lists,
dicts, dates, strings and numbers), each object once per build. A summary's digest is the sha256
of its file's text (it is made from that text alone); an incident's is its id and its summaries'
digests (merge_incident makes it from them alone; group_incidents only renames clashing ids).

Objects made by a pure function of others are digested through those (Digests' derived rules): an
incident through its id and summaries, a brief through its incident, sources and date, a speaker
through its briefs. The code of those functions is part of every key (code_stamp).

The same file keeps what the rest of the build reuses: the search index's shards (pipeline,
search.update_index) and the pieces of the data downloads (PieceStore).

The cache lives in the site's cache folder (summaries/.briefing-cache/), one file per output
folder. A missing, corrupt or foreign file (another tool version, other code) is ignored: deleting
it costs one full render.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import operator
import os
import pickle
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

CACHE_FILE = "render-{}.pickle"


class Uncacheable(Exception):
    """A page's data holds something Digests cannot describe by content: render it every time."""


# ---------------------------------------------------------------------------------- digests

def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Digests:
    """Content digests of the site model's objects, each shared object walked once per build.

    Strings, numbers, dates and None are spelled by their repr, which tells them apart; lists,
    tuples, dicts and small dataclasses are spelled out inside their parent's text. The objects
    many pages share (summaries, incidents, briefs, the reports, places, actors, speakers) get a
    digest of their own, remembered by id() together with the object itself, so that an id is
    never reused for another object while this table lives. Objects made by a pure function of
    others are digested through those (DERIVED): a brief through its incident, sources and date."""

    def __init__(self):
        self._known: dict[int, tuple[object, str]] = {}

    def seed(self, obj: object, digest: str) -> None:
        """A digest known from elsewhere (a summary's file text): no need to walk the object."""
        self._known[id(obj)] = (obj, digest)

    def of(self, value) -> str:
        return _hash(self._text(value))

    def _text(self, value) -> str:
        kind = type(value)
        if kind in _BY_REPR:
            return repr(value)
        if kind is list:
            return "[" + self._items(value) + "]"
        if kind is tuple:
            return "(" + self._items(value) + ")"
        if kind is dict:
            return "{" + ",".join([self._text(k) + ":" + self._text(v) for k, v in value.items()]) + "}"
        if kind is dt.date:
            return "date:" + value.isoformat()
        if kind is Markup:
            return "markup:" + repr(str(value))
        known = self._known.get(id(value))
        if known is not None:
            return known[1]
        fields_of = _fields_getter(kind)
        if fields_of is None:
            if isinstance(value, Path):
                return "path:" + repr(str(value))
            raise Uncacheable(f"no content digest for {kind.__name__}")
        derived = _derived_rules().get(kind)
        if derived is not None:
            text = kind.__name__ + "<" + ",".join([self._text(part) for part in derived(value)]) + ">"
        else:
            text = kind.__name__ + "(" + self._items(fields_of(value)) + ")"
        if kind in _shared_kinds():
            text = "#" + _hash(text)
            self._known[id(value)] = (value, text)
        return text


    def _items(self, values) -> str:
        # the plain values inline: most fields are strings, and a call each would double the time
        by_repr, text = _BY_REPR, self._text
        return ",".join([repr(v) if type(v) in by_repr else text(v) for v in values])


_BY_REPR = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=None)
def _fields_getter(kind: type):
    """A function giving the values of every field of a dataclass as a tuple (None: no dataclass)."""
    if not dataclasses.is_dataclass(kind):
        return None
    names = [f.name for f in dataclasses.fields(kind)]
    getter = operator.attrgetter(*names)
    return getter if len(names) > 1 else (lambda value: (getter(value),))


@lru_cache(maxsize=1)
def _shared_kinds() -> frozenset[type]:
    from .config import SiteConfig
    from .incidents import Incident
    from .site import ActorEntry, Brief, Place, SourceReport, Speaker
    from .summary import Summary

    return frozenset({Summary, Incident, Brief, SourceReport, Place, ActorEntry, Speaker, SiteConfig})


@lru_cache(maxsize=1)
def _derived_rules() -> dict:
    """Objects made by a pure function of other objects: digested through those. The functions'
    code is part of the cache stamp (code_stamp), so a change to them empties the cache."""
    from .incidents import Incident
    from .site import Brief, Speaker

    return {
        # merge_incident(summaries); group_incidents then only renames an id that clashes
        Incident: lambda i: (i.id, i.summaries),
        # make_brief(incident, reports, anchors, build_date): evidence and month come from the
        # incident's summaries, the anchors from its sources, the build date shows in `updated`
        Brief: lambda b: (b.incident, b.sources, b.updated),
        # collect_speakers(briefs): a speaker's claims are those of its briefs (in their order)
        # made by the one folded name its spellings share, so its briefs and names tell them
        Speaker: lambda s: (s.slug, s.name, s.roles, s.briefs),
    }


# ---------------------------------------------------------------------------------- site reads

class SiteReads:
    """The site model as templates see it (`site`), noting which of its attributes they read."""

    __slots__ = ("_model", "_read")

    def __init__(self, model):
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_read", set())

    def __getattr__(self, name: str):
        if name.startswith("__"):             # Jinja and Python probing (__html__ ...): not data
            raise AttributeError(name)
        self._read.add(name)
        return getattr(self._model, name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._model, name, value)

    def __repr__(self) -> str:
        self._read.add("*")                 # printed whole: depends on everything
        return repr(self._model)

    __str__ = __repr__

    @property
    def read(self) -> tuple[str, ...]:
        return tuple(sorted(self._read))


_MISSING = object()

# Attributes whose value is keyed by id(): their content is the briefs'.
_SAME_CONTENT_AS = {"brief_index": "briefs"}


def site_digest(model, digests: Digests, names: tuple[str, ...]) -> str:
    """Digest of the named attributes of the site model ('*': all of its fields)."""
    if "*" in names:
        return digests.of(model)
    parts = []
    for name in names:
        value = getattr(model, _SAME_CONTENT_AS.get(name, name), _MISSING)
        if value is _MISSING:
            parts.append(name + " missing")
        else:
            parts.append(name + "=" + (digests.of(value) if not callable(value) else "callable:" + name))
    return _hash(";".join(parts))


# ---------------------------------------------------------------------------------- the cache

@dataclasses.dataclass(frozen=True)
class Entry:
    key: str
    site_reads: tuple[str, ...]
    site_key: str
    sha256: str
    stat: tuple[int, int, int, int]


def file_stat(path: str) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The tool version and the source of the code that turns summaries into bytes."""
    import generator

    here = Path(__file__).parent
    source = b"".join((here / name).read_bytes() for name in
                      ("render_cache.py", "site.py", "incidents.py", "summary.py", "config.py"))
    return generator.TOOL + ":" + hashlib.sha256(source).hexdigest()[:16]


def templates_digest(folders: list[Path]) -> str:
    """Every template file (its name and bytes) of the folders, in loader order."""
    h = hashlib.sha256()
    for number, folder in enumerate(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and not rel.startswith("static/"):
                h.update(f"{number}:{rel}:{path.stat().st_size}\n".encode())
                h.update(path.read_bytes())
    return h.hexdigest()


class RenderCache:
    """The entries of the last build into one output folder."""

    def __init__(self, path: Path, stamp: str):
        self.path, self.stamp = path, stamp
        self.entries: dict[str, Entry] = {}
        self.search: dict[str, tuple[str, dict[str, tuple]]] = {}   # bundle -> (key, {file: stat})
        self.pieces: dict[str, str] = {}     # pieces of the data downloads (PieceStore)
        try:
            with path.open("rb") as fh:
                stamp_read, entries, search, pieces = pickle.load(fh)
            if stamp_read == stamp and all(isinstance(x, dict) for x in (entries, search, pieces)):
                self.entries, self.search, self.pieces = entries, search, pieces
        except Exception:                    # noqa: BLE001 - any unreadable cache is only a miss
            self.entries, self.search, self.pieces = {}, {}, {}

    @classmethod
    def for_output(cls, cache_dir: Path, out_dir: Path, stamp: str) -> "RenderCache":
        name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
        return cls(cache_dir / CACHE_FILE.format(name), stamp)

    def current(self, rel: str, key: str, site_key_of, on_disk: tuple | None) -> bool:
        """Whether the output file `rel` already holds what its inputs would render."""
        entry = self.entries.get(rel)
        if entry is None or entry.key != key or on_disk is None or entry.stat != on_disk:
            return False
        try:
            return isinstance(entry, Entry) and site_key_of(entry.site_reads) == entry.site_key
        except Exception:                    # noqa: BLE001 - an attribute the model lost: a miss
            return False

    def save(self, entries: dict[str, Entry], search: dict[str, tuple] | None = None,
             pieces: dict[str, str] | None = None) -> None:
        from .output import write_bytes_atomic
        search = {} if search is None else search
        pieces = self.pieces if pieces is None else pieces
        if (entries == self.entries and search == self.search and pieces is self.pieces) \
                or not self.path.parent.parent.is_dir():
            return                           # nothing new, or a site without a summaries folder
        try:
            write_bytes_atomic(self.path, pickle.dumps((self.stamp, entries, search, pieces),
                                                       protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass                             # a read-only site only costs the rendering next time


class PieceStore:
    """Pieces of the data downloads (a brief's JSON, a summary's, their CSV rows) by a digest of
    what each is made from, kept from the last build: a rebuild encodes only the changed ones."""

    def __init__(self, previous: dict[str, str], digests: Digests, salt: str):
        self.previous, self.digests, self.salt = previous, digests, salt
        self.made: dict[str, str] = {}
        self.kinds: set[str] = set()

    def get(self, kind: str, source, make) -> str:
        try:
            key = kind + ":" + _hash(self.salt + self.digests._text(source))
        except Uncacheable:
            return make()
        text = self.previous.get(key)
        if text is None:
            text = make()
        self.made[key] = text
        self.kinds.add(kind)
        return text

    def to_keep(self) -> dict[str, str] | None:
        """The pieces for the next build: this build's, and the last one's of the kinds not made
        this time (their files were current). None: nothing changed."""
        if not self.kinds:
            return None
        kept = {k: v for k, v in self.previous.items() if k.split(":", 1)[0] not in self.kinds}
        kept.update(self.made)
        return kept


class RenderPlan:
    """Which output files are current and which must be rendered, in one build."""

    def __init__(self, cache: RenderCache, model, digests: Digests, common: str):
        self.cache, self.model, self.digests, self.common = cache, model, digests, common
        self.keys: dict[str, str] = {}          # path -> key, for every file that can be cached
        self.current: set[str] = set()
        self.stale: list = []
        self._site_digests: dict[str, str] = {}
        self.pieces = PieceStore(cache.pieces, digests, common)

    def site_key(self, names: tuple[str, ...]) -> str:
        parts = []
        for name in names:
            if name not in self._site_digests:
                self._site_digests[name] = site_digest(self.model, self.digests, (name,))
            parts.append(self._site_digests[name])
        return _hash(",".join(names) + ":" + ",".join(parts))

    def split(self, outputs: list, on_disk: dict[str, tuple]) -> None:
        for output in outputs:
            try:
                key = _hash(self.common + output.path + self.digests._text(output.inputs))
            except Uncacheable:
                self.stale.append(output)
                continue
            self.keys[output.path] = key
            if self.cache.current(output.path, key, self.site_key, on_disk.get(output.path)):
                self.current.add(output.path)
            else:
                self.stale.append(output)

    def entries(self, rendered: dict[str, tuple[bytes, tuple[str, ...]]], out_dir: Path) -> dict[str, Entry]:
        """The cache for the next build, once the files are written: every file this build made
        or kept, with the stat of the file it left on disk."""
        entries = {path: self.cache.entries[path] for path in self.current}
        root = str(out_dir)
        for path, (data, reads) in rendered.items():
            key = self.keys.get(path)
            stat = file_stat(os.path.join(root, path))
            if key is None or stat is None:
                continue
            entries[path] = Entry(key, reads, self.site_key(reads), hashlib.sha256(data).hexdigest(), stat)
        return entries


def plan_render(config, out_dir: Path, model, outputs: list, digests: Digests,
                on_disk: dict[str, tuple]) -> RenderPlan:
    """Open the cache of this output folder and split the outputs into current and stale."""
    from .handedits import CACHE_DIR
    from .site import site_templates_dir, theme_dir

    stamp = code_stamp()
    cache = RenderCache.for_output(config.summaries_path / CACHE_DIR, out_dir, stamp)
    common = _hash(stamp + templates_digest([site_templates_dir(config), theme_dir()]) + digests.of(config))
    plan = RenderPlan(cache, model, digests, common)
    plan.split(outputs, on_disk)
    return plan
