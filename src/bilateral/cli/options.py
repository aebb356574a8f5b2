"""Parsing of the command line's option values (year ranges, lists, weights,
formats): each is checked before any work starts, with a message that says
what to write instead."""

from __future__ import annotations

import typer


def _check_format(output: str, allowed: tuple[str, ...], option: str = "--format", what: str = "format") -> str:
    """``output`` when it is one of ``allowed``; otherwise a usage error naming ``option``."""
    if output not in allowed:
        raise typer.BadParameter(f"unknown {what} {output!r}; use {', '.join(allowed[:-1])} or {allowed[-1]}.", param_hint=f"'{option}'")
    return output


def parse_list(text: str, option: str, allowed: tuple[str, ...] | None = None) -> list[str]:
    """'POL, HUN,SRB' → ['POL', 'HUN', 'SRB']; an empty list (``,,,``), a
    repeated item or one not in ``allowed`` is refused."""
    items = [item.strip() for item in text.split(",")]
    if not any(items):
        raise typer.BadParameter(f"{text!r} lists nothing; give comma-separated items, e.g. POL,HUN,SRB.", param_hint=f"'{option}'")
    if not all(items):
        raise typer.BadParameter(f"{text!r} has an empty item; write the list without stray commas.", param_hint=f"'{option}'")
    unknown = [item for item in items if allowed is not None and item not in allowed]
    if unknown:
        raise typer.BadParameter(f"unknown item(s) {', '.join(map(repr, unknown))}; choose from {', '.join(allowed)}.", param_hint=f"'{option}'")
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        raise typer.BadParameter(f"{', '.join(map(repr, repeated))} given more than once.", param_hint=f"'{option}'")
    return items


def parse_weights(text: str | None) -> dict[str, float] | None:
    """'alignment=0.4,economic=0.6' → {'alignment': 0.4, 'economic': 0.6};
    names, values and their sum are checked before any work starts."""
    if text is None:
        return None
    weights = {}
    for part in parse_list(text, "--weights"):
        name, _, value = part.partition("=")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            raise typer.BadParameter(f"{part!r} is not dimension=weight; write e.g. alignment=0.4,economic=0.6.", param_hint="'--weights'") from None
    from bilateral.measures.index import check_weights

    try:
        check_weights(weights)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--weights'") from None
    return weights


def parse_years(text: str | None) -> tuple[int, int] | None:
    """'1992-2024' → (1992, 2024); '2014' → (2014, 2014)."""
    if text is None:
        return None
    if not text.strip():
        raise typer.BadParameter("an empty year range; write it as 1992-2024.", param_hint="'--years'")
    parts = text.replace("–", "-").split("-")
    try:
        first, last = (int(parts[0]), int(parts[-1]))
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a year range; write it as 1992-2024.") from None
    if len(parts) > 2 or first > last:
        raise typer.BadParameter(f"{text!r} is not a year range; write it as 1992-2024 (first year first).")
    return first, last
