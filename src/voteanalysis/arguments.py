"""Checking the arguments a caller passes: one helper for every function of the kit.

A wrong argument is the caller's mistake, not a fault in their data, so it raises
:class:`ValueError` (a value outside the choices) or :class:`TypeError` (a value of
the wrong type), never :class:`~voteanalysis.VoteDataError`. Each message names the
function, the argument, what was given and the valid choices, as seaborn does.

Arguments renamed for one vocabulary across the kit keep their old spelling for one
release with a :class:`DeprecationWarning` (:func:`renamed_arguments`, :func:`renamed_value`).
"""

from __future__ import annotations

import difflib
import functools
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

__all__ = [
    "check_choice",
    "check_choices",
    "check_type",
    "renamed_arguments",
    "renamed_value",
]

F = TypeVar("F", bound=Callable[..., Any])


def _listed(choices: Iterable[object]) -> str:
    return ", ".join(repr(c) for c in choices)


def check_choice(func: str, name: str, value: object, choices: Iterable[str]) -> str:
    """Return ``value`` when it is one of ``choices``; otherwise say which are valid.

    >>> check_choice("explore", "chart", "tally", ["tally", "opposition"])
    'tally'
    >>> check_choice("explore", "chart", "talyy", ["tally", "opposition"])
    Traceback (most recent call last):
    ...
    ValueError: explore(): chart='talyy' is not one of 'tally', 'opposition' (did you mean 'tally'?)
    >>> check_choice("explore", "chart", 3, ["tally"])
    Traceback (most recent call last):
    ...
    TypeError: explore(): chart must be a str, one of 'tally', not int
    """
    options = list(choices)
    if not isinstance(value, str):
        raise TypeError(
            f"{func}(): {name} must be a str, one of {_listed(options)}, not {type(value).__name__}"
        )
    if value in options:
        return value
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"{func}(): {name}={value!r} is not one of {_listed(options)}{hint}")


def check_choices(
    func: str, name: str, values: str | Iterable[str], choices: Iterable[str]
) -> list[str]:
    """Several choices at once (one string or an iterable of them), each checked.

    >>> check_choices("export_gallery", "formats", ["png", "svg"], ["png", "svg", "pdf"])
    ['png', 'svg']
    >>> check_choices("export_gallery", "formats", [], ["png"])
    Traceback (most recent call last):
    ...
    ValueError: export_gallery(): formats is empty; give one or more of 'png'
    """
    options = list(choices)
    given = [values] if isinstance(values, str) else list(values)
    if not given:
        raise ValueError(f"{func}(): {name} is empty; give one or more of {_listed(options)}")
    return [check_choice(func, name, v, options) for v in given]


def check_type(func: str, name: str, value: object, kinds: type | tuple[type, ...]) -> None:
    """Raise :class:`TypeError` unless ``value`` is an instance of ``kinds``.

    >>> check_type("tally", "min_votes", "3", int)
    Traceback (most recent call last):
    ...
    TypeError: tally(): min_votes must be int, not str
    """
    if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in _tuple(kinds)):
        return
    wanted = " or ".join(k.__name__ for k in _tuple(kinds))
    raise TypeError(f"{func}(): {name} must be {wanted}, not {type(value).__name__}")


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def renamed_value(func: str, name: str, value: Any, aliases: Mapping[str, str]) -> Any:
    """Map an old spelling of a choice to the new one, with a :class:`DeprecationWarning`.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     renamed_value("ideal_points", "abstain", "missing", {"missing": "exclude"})
    'exclude'
    >>> print(caught[0].message)
    ideal_points(): abstain='missing' is now abstain='exclude'; the old spelling goes ...
    """
    if isinstance(value, str) and value in aliases:
        new = aliases[value]
        warnings.warn(
            f"{func}(): {name}={value!r} is now {name}={new!r}; "
            "the old spelling goes in the next release",
            DeprecationWarning,
            stacklevel=3,
        )
        return new
    return value


def renamed_arguments(**renames: str) -> Callable[[F], F]:
    """Accept old keyword names (``old="new"``) for one release, with a warning.

    >>> @renamed_arguments(kind="chart")
    ... def explore(*, chart: str = "tally") -> str:
    ...     return chart
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     explore(kind="opposition")
    'opposition'
    >>> print(caught[0].message)
    explore(): the argument kind= is now chart=; the old name goes in the next release
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(
                            f"{function.__name__}(): give {new}= only ({old}= is its old name)"
                        )
                    warnings.warn(
                        f"{function.__name__}(): the argument {old}= is now {new}=; "
                        "the old name goes in the next release",
                        DeprecationWarning,
                        stacklevel=2,
                    )
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
