"""The one Jinja environment every builder's templates are compiled in.

* Sandboxed: a template cannot reach Python internals (``__class__``, ``mro``…).
* Autoescaping on: record text such as ``&`` or ``<`` can never break the file.
* StrictUndefined: a missing value fails the build loudly instead of leaving a blank.
* Record text is only ever passed *to* templates as data; it is never compiled.
"""

from __future__ import annotations

from datetime import date

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment


def long_date(value: date) -> str:
    """``21 March 2017``: the date style of council papers."""
    return f"{value.day} {value:%B %Y}"


def roman(number: int) -> str:
    """Lower-case roman numerals for recommendation labels: 4 → ``iv``."""
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    result = ""
    for value, letters in numerals:
        while number >= value:
            result += letters
            number -= value
    return result


def make_environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """A fresh environment with docgen's safety settings and shared filters."""
    environment = ImmutableSandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["long_date"] = long_date
    environment.filters["roman"] = roman
    return environment
