"""The resolver: a name, or a code in any scheme, and a year → one state identity.

The identity is the COW state number (``ccode``), because every dyadic source
we join is keyed on it; ISO3 and the other schemes ride alongside. Resolution
is year-aware so that successor states agree with the COW system: Russia and
the USSR are both 365, Yugoslavia and Serbia 345, and "Germany" is 260 (the
Federal Republic) in 1970 but 255 in 2000.

Names come from three lists: country_converter's short and official names,
the countrycode code list, and the COW state list, plus our own aliases
(``data/aliases.tsv``) for the spellings none of them know. Matching is exact
after normalisation; a near miss is an error that suggests the close matches,
because a guess would silently put the wrong state's numbers in a brief.

A :class:`Resolver` is built from three reference tables passed in as
frames (the COW states, the code list, the COW–GW years), so it depends on no
source module: the sources build one from their own files to key rows
(:mod:`bilateral.sources.keys`), the public API
(:mod:`bilateral.countries`) from the mirror, the cache or a warehouse.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Iterable

from bilateral.errors import AmbiguousCountryError, CountryNotFoundError
from bilateral.identity import (OPEN_END, SCHEMES, NameSpell, State, check_length, normalise, package_tsv, plain_row,
                                trigrams)

if TYPE_CHECKING:  # pandas is imported where a resolver is built or a lookup made, not to resolve one name
    import pandas as pd


class Resolver:
    """Resolves names and codes against the COW states, the code list and our aliases."""

    def __init__(self, cow_states: pd.DataFrame, codelist: pd.DataFrame, cow_gw_years: pd.DataFrame):
        import pandas as pd  # noqa: F401 - construction only; a built resolver holds plain Python (see identity.plain_row)

        #: The last year of the COW list (2016), from the list itself: states alive then are taken to continue.
        self.list_end = int(cow_states["endyear"].max())
        self._spells: dict[int, list[tuple[int, int]]] = {}
        self._cow_name: dict[int, str] = {}
        self._cow_abb: dict[int, str] = {}
        for row in cow_states.itertuples():
            end = OPEN_END if row.endyear >= self.list_end else int(row.endyear)
            self._spells.setdefault(int(row.ccode), []).append((int(row.styear), end))
            self._cow_name[int(row.ccode)] = row.name
            self._cow_abb[int(row.ccode)] = row.cow_abb
        self._gw_by_year = {(int(r.ccode), int(r.year)): int(r.gwcode) for r in cow_gw_years.dropna().itertuples()}
        self._build_codes(codelist)
        self._build_names(codelist)

    # -- construction -------------------------------------------------
    def _build_codes(self, codelist: pd.DataFrame) -> None:
        import pandas as pd

        overrides = {int(r["ccode"]): r["iso3"] for r in package_tsv("iso3_overrides.tsv")}
        self._iso3_of: dict[int, str] = {}
        self._by_iso3: dict[str, set[int]] = {}
        self._row_of_iso3: dict[str, dict] = {}
        for row in codelist.to_dict("records"):
            if isinstance(row["iso3"], str):
                self._row_of_iso3[row["iso3"]] = plain_row(row)
            if pd.notna(row["ccode"]) and int(row["ccode"]) in self._spells:
                ccode = int(row["ccode"])
                iso3 = overrides.get(ccode, row["iso3"] if isinstance(row["iso3"], str) else None)
                if iso3:
                    self._iso3_of.setdefault(ccode, iso3)
        for ccode, iso3 in overrides.items():
            self._iso3_of[ccode] = iso3
        for ccode, iso3 in self._iso3_of.items():
            self._by_iso3.setdefault(iso3, set()).add(ccode)
        self._by_iso2 = {
            row["iso2"]: self._by_iso3.get(iso3, set())
            for iso3, row in self._row_of_iso3.items()
            if isinstance(row["iso2"], str)
        }
        self._by_number = {
            scheme: {int(row[scheme]): self._by_iso3.get(iso3, set()) for iso3, row in self._row_of_iso3.items() if pd.notna(row[scheme])}
            for scheme in ("iso_numeric", "un_m49")
        }
        self._by_cow_abb = {abb: {ccode} for ccode, abb in self._cow_abb.items()}
        self._history = [
            (int(r["ccode"]), int(r["from_year"]), int(r["to_year"]), r["name"], r["continued"] == "1")
            for r in package_tsv("historical_names.tsv")
        ]
        self._history_of: dict[int, list[tuple[int, int, str]]] = {}
        for code, start, end, name, _ in self._history:
            self._history_of.setdefault(code, []).append((start, end, name))
        import country_converter

        self._coco = country_converter.CountryConverter().data  # dropped once the names are built
        self._short_name = dict(zip(self._coco["ISO3"], self._coco["name_short"]))
        self._coco_regex = [(str(iso3), str(regex)) for iso3, regex in zip(self._coco["ISO3"], self._coco["regex"])]

    def _build_names(self, codelist: pd.DataFrame) -> None:
        import pandas as pd

        names: dict[str, set[int]] = {}

        def add(name: object, ccodes: Iterable[int]) -> None:
            if isinstance(name, str) and name.strip():
                names.setdefault(normalise(name), set()).update(ccodes)

        for row in codelist.to_dict("records"):
            if isinstance(row["iso3"], str):
                add(row["name"], self._by_iso3.get(row["iso3"], set()))
            elif pd.notna(row["ccode"]) and int(row["ccode"]) in self._spells:
                add(row["name"], {int(row["ccode"])})
        for row in self._coco[["ISO3", "name_short", "name_official"]].itertuples():
            for name in (row.name_short, row.name_official):
                add(name, self._by_iso3.get(row.ISO3, set()))
        for ccode, name in self._cow_name.items():
            add(name, {ccode})
        # Aliases replace whatever the lists said: they are the reading we chose on purpose.
        for row in package_tsv("aliases.tsv"):
            targets = set()
            for target in row["targets"].split():
                targets |= {int(target)} if target.isdigit() else self._by_iso3[target]
            names[normalise(row["alias"])] = targets
        self._by_name = {key: value for key, value in names.items() if value}
        self._trigrams: dict[str, set[str]] | None = None
        del self._coco  # keep only plain Python, so a cached resolver loads without pandas

    def _close_names(self, key: str, n: int = 5, cutoff: float = 0.75) -> list[str]:
        """Known names close to ``key``: candidates from a trigram index
        (names sharing the most three-letter pieces), then difflib's ratio
        on those few only, so the cost does not grow with every known name."""
        if self._trigrams is None:
            self._trigrams = {}
            for name in self._by_name:
                for gram in trigrams(name):
                    self._trigrams.setdefault(gram, set()).add(name)
        shared: dict[str, int] = {}
        for gram in trigrams(key):
            for name in self._trigrams.get(gram, ()):
                shared[name] = shared.get(name, 0) + 1
        best = sorted(shared, key=lambda name: (-shared[name], name))[:20]
        scored = [(difflib.SequenceMatcher(None, key, name).ratio(), name) for name in best]
        return [name for score, name in sorted(scored, key=lambda x: (-x[0], x[1])) if score >= cutoff][:n]

    # -- resolution ---------------------------------------------------
    def spells(self, ccode: int) -> list[tuple[int, int | None]]:
        """The (first, last) years of each of ``ccode``'s spells in the state
        system; last is None for a state still in it."""
        return [(start, None if end == OPEN_END else end) for start, end in self._spells.get(ccode, ())]

    def in_system(self, ccode: int, year: int) -> bool:
        """Whether ``ccode`` was a member of the state system in ``year``."""
        return any(start <= year <= end for start, end in self._spells.get(ccode, ()))

    def candidates(self, value: object, scheme: str | None = None) -> set[int]:
        """Every COW number that ``value`` can mean, ignoring the year."""
        if scheme is not None and scheme not in SCHEMES:
            raise ValueError(f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES)}")
        text = str(value).strip()
        numeric = re.fullmatch(r"\d+(\.0)?", text) is not None
        if scheme in (None, "cown") and numeric:
            number = int(float(text))
            return {number} if number in self._spells else set()
        if scheme in ("cown", "gw", "iso_numeric", "un_m49") and not numeric:
            return set()
        if scheme == "gw":
            gw = int(float(text))
            return {c for (c, _), g in self._gw_by_year.items() if g == gw}
        if scheme in ("iso_numeric", "un_m49"):
            return set(self._by_number[scheme].get(int(float(text)), set()))
        upper = text.upper()
        lookups = {
            "iso2": lambda: self._by_iso2.get(upper, set()),
            "iso3": lambda: self._by_iso3.get(upper, set()),
            "cow_abb": lambda: self._by_cow_abb.get(upper, set()),
            "name": lambda: self._by_name.get(normalise(text), set()),
        }
        if scheme is not None:
            return set(lookups[scheme]())
        order = ("iso2", "name") if len(text) == 2 else ("iso3", "name", "cow_abb") if len(text) == 3 else ("name",)
        for step in order:
            found = lookups[step]()
            if found:
                return set(found)
        return set()

    def resolve(self, value: object, year: int | None = None, scheme: str | None = None, strict: bool = False, suggest: bool = True) -> State:
        """The one state ``value`` means (in ``year``, if given).

        ``strict`` also requires the state to be a system member that year, so
        that "Czechia" in 1980 is an error rather than a silent anachronism.
        """
        check_length(value)
        found = self.candidates(value, scheme)
        if not found:
            raise CountryNotFoundError(self._not_found_message(value) if suggest else f"No state matches {value!r}.")
        chosen = self._choose(value, found, year, strict)
        return self.state(chosen, year)

    def _choose(self, value: object, found: set[int], year: int | None, strict: bool) -> int:
        if year is not None:
            alive = {c for c in found if self.in_system(c, year)}
            if len(alive) == 1:
                return alive.pop()
            if len(alive) > 1:
                raise self._ambiguous(value, alive, year)
            if strict or len(found) > 1:
                spans = "; ".join(f"{self.state(c).label()}: {self._span_text(c)}" for c in sorted(found))
                raise CountryNotFoundError(f"{value!r} was not a state in the COW system in {year} ({spans}).")
            return next(iter(found))
        if len(found) == 1:
            return next(iter(found))
        current = {c for c in found if self.in_system(c, self.list_end)}
        if len(current) == 1:
            return current.pop()
        raise self._ambiguous(value, found, None)

    def complete(self, text: str, limit: int = 10) -> list[tuple[State, str]]:
        """States whose name, alias or code begins with ``text`` (after
        normalisation), best first, each with the name or code that matched.

        For a picker: exact codes (ISO3, ISO2, COW abbreviation or number)
        rank first, then names that start with the text, then names with a
        word that starts with it. Each state appears once, named as it is
        now (or was last)."""
        key = normalise(text)
        if not key:
            return []
        best: dict[int, tuple[int, str]] = {}

        def offer(ccodes: Iterable[int], rank: int, matched: str) -> None:
            for ccode in ccodes:
                if ccode not in best or rank < best[ccode][0]:
                    best[ccode] = (rank, matched)

        code = text.strip().upper()
        if code.isdigit():
            offer({int(code)} & self._spells.keys(), 0, code)
        offer(self._by_iso3.get(code, ()), 0, code)
        offer(self._by_iso2.get(code, ()) if len(code) == 2 else (), 0, code)
        offer(self._by_cow_abb.get(code, ()), 0, code)
        for name, ccodes in self._by_name.items():
            if name.startswith(key):
                offer(ccodes, 1, name)
            elif f" {key}" in f" {name}":
                offer(ccodes, 2, name)
        states = {c: self.state(c) for c in best}
        order = sorted(best, key=lambda c: (best[c][0], states[c].name))
        return [(states[c], best[c][1]) for c in order[:limit]]

    def _span_text(self, ccode: int) -> str:
        return ", ".join(f"{s}–{'' if e == OPEN_END else e}" for s, e in self._spells[ccode])

    def _ambiguous(self, value: object, ccodes: set[int], year: int | None) -> AmbiguousCountryError:
        when = f" in {year}" if year is not None else ""
        options = " or ".join(self.state(c, year).label() for c in sorted(ccodes))
        return AmbiguousCountryError(f"{value!r} is ambiguous{when}: it can mean {options}. Give the ISO3 code or the COW number.")

    def _not_found_message(self, value: object) -> str:
        key = normalise(str(value))
        matches: list[int] = []
        for name in self._close_names(key):
            matches += sorted(self._by_name[name])
        for iso3, regex in self._coco_regex:
            if re.search(regex, str(value), flags=re.IGNORECASE):
                matches += sorted(self._by_iso3.get(iso3, set()))
        labels = list(dict.fromkeys(self.state(c).label() for c in matches))[:4]
        hint = f" Did you mean {' or '.join(labels)}?" if labels else " Try an ISO3 code (e.g. BLR) or a COW number (e.g. 370)."
        return f"No state matches {value!r}.{hint}"

    def state(self, ccode: int, year: int | None = None) -> State:
        """The identity of COW state ``ccode``, named as it was in ``year``."""
        if ccode not in self._spells:
            raise CountryNotFoundError(f"COW code {ccode} is not in the COW state list.")
        if year is None and not self.in_system(ccode, self.list_end):
            year = self._spells[ccode][-1][1]  # a state that ended: name it as it was last
        iso3 = self._iso3_of.get(ccode)
        row = self._row_of_iso3.get(iso3, {}) if iso3 else {}
        gw = self._gw_by_year.get((ccode, year)) if year is not None else None
        if gw is None and row.get("gwcode") is not None:
            gw = int(row["gwcode"])
        return State(
            ccode=ccode,
            iso3=iso3,
            name=self._name(ccode, year),
            cow_abb=self._cow_abb.get(ccode),
            gwcode=gw,
            iso2=row.get("iso2") if isinstance(row.get("iso2"), str) else None,
            un_m49=int(row["un_m49"]) if row.get("un_m49") is not None else None,
        )

    def _name(self, ccode: int, year: int | None) -> str:
        """The name in ``year`` (None: the present name): a row of
        data/historical_names.tsv, else the short name of the state's ISO3
        code, else the COW name."""
        iso3 = self._iso3_of.get(ccode)
        name = self._short_name.get(iso3) if iso3 else None
        for start, end, historical in self._history_of.get(ccode, ()):
            if year is None and end == OPEN_END or year is not None and start <= year <= end:
                name = historical
        return name or self._cow_name[ccode]

    def name_in(self, ccode: int, year: int) -> str:
        """The state's name in ``year``: 'Soviet Union' for 365 in 1970, 'Russia' in 2000."""
        if ccode not in self._spells:
            raise CountryNotFoundError(f"COW code {ccode} is not in the COW state list.")
        return self._name(ccode, year)

    def names_over(self, ccode: int, first: int, last: int) -> list[NameSpell]:
        """The runs of one name over the years ``first``–``last``, oldest first:
        345 over 1980–2010 is Yugoslavia 1980–1991, the Federal Republic of
        Yugoslavia 1992–2002, Serbia and Montenegro 2003–2005, Serbia 2006–2010."""
        self.name_in(ccode, first)  # an unknown code fails here, with the code
        edges = {first, last + 1} | {y for s, e, _ in self._history_of.get(ccode, ()) for y in (s, e + 1) if first < y <= last}
        runs: list[NameSpell] = []
        for start, stop in zip(sorted(edges), sorted(edges)[1:]):  # one name throughout each segment
            name = self._name(ccode, start)
            if runs and runs[-1].name == name:
                runs[-1] = runs[-1]._replace(last=stop - 1)
            else:
                runs.append(NameSpell(start, stop - 1, name))
        return runs

    def present_form_since(self, ccode: int) -> int | None:
        """The first year from which the state that holds ``ccode`` today existed,
        in its present form or as a predecessor it continues (``continued`` in
        data/historical_names.tsv): 1992 for 345, since Serbia does not continue
        the Yugoslavia of 1919–1991. None when it continues every earlier spell."""
        ended = [end for code, _, end, _, continued in self._history if code == ccode and not continued]
        return max(ended) + 1 if ended else None

    def lookup(self, values: Iterable, years: Iterable | None = None, scheme: str | None = None, errors: str = "null") -> pd.DataFrame:
        """``ccode`` and ``iso3`` for each value (and year), aligned with the input.

        Each distinct (value, year) pair is resolved once, so this is cheap on
        long columns. ``errors="null"`` leaves unmatched values NULL.
        """
        import pandas as pd

        values = list(values)
        years = [None] * len(values) if years is None else [None if pd.isna(y) else int(y) for y in years]
        if len(years) != len(values):
            raise ValueError(f"lookup got {len(values)} values but {len(years)} years")
        memo: dict[tuple, tuple] = {}
        out = []
        for value, year in zip(values, years):
            key = (value, year)
            if key not in memo:
                try:
                    if value is None or pd.isna(value):
                        raise CountryNotFoundError("missing value")
                    found = self.resolve(value, year=year, scheme=scheme, suggest=errors == "raise")
                    memo[key] = (found.ccode, found.iso3)
                except (CountryNotFoundError, AmbiguousCountryError):
                    if errors == "raise":
                        raise
                    memo[key] = (None, None)
            out.append(memo[key])
        frame = pd.DataFrame(out, columns=["ccode", "iso3"])
        frame["ccode"] = frame["ccode"].astype("Int64")
        frame["iso3"] = frame["iso3"].astype("string")
        return frame
