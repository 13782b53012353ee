"""jinja2's context and template classes, with shorter paths for what every page does most: calling and escaping.

A page makes dozens of calls and escapes a hundred values, the timeline tens
of thousands; jinja2 spends more on its own bookkeeping for each than the work
itself. These classes do the same work with less of it, for the common cases
only, and hand everything else to jinja2: pages come out byte for byte as
jinja2's own classes make them.
"""

from __future__ import annotations

import functools
import types
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

import jinja2
import jinja2.runtime
import markupsafe
from markupsafe import Markup

_PLAIN_CALLABLES = frozenset({types.FunctionType, types.MethodType, types.BuiltinFunctionType, functools.partial, jinja2.runtime.Macro})
"""What templates call: functions, the model's methods, the link helpers, macros."""


class Context(jinja2.runtime.Context):
    """jinja2's context, calling plain callables straight away.

    jinja2 looks twice at every callable for a ``pass_context``-style marker
    before calling it. A function, method, partial or macro without the marker
    is called as jinja2 would call it; anything else takes jinja2's own path.
    """

    def __init__(self, environment: jinja2.Environment, parent: dict[str, Any], name: str | None,
                 blocks: dict[str, Callable[[jinja2.runtime.Context], Any]], globals: MutableMapping[str, Any] | None = None) -> None:
        super().__init__(environment, parent, name, blocks)
        if globals is not None:  # jinja2 makes the same set through the ChainMap's slow iteration, once per page and per import
            self.globals_keys = set().union(*globals.maps) if type(globals) is ChainMap else set(globals)

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (jinja2's own signature)
        kind = type(__obj)
        # a bound method answers hasattr through its function, raising and catching an AttributeError on the way: ask the function
        if kind not in _PLAIN_CALLABLES or hasattr(__obj.__func__ if kind is types.MethodType else __obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


_escape_text: Callable[[str], str] | None = getattr(markupsafe, "_escape_inner", None)
"""The C escaper inside ``markupsafe.escape`` (MarkupSafe 3); without it, every value takes ``markupsafe.escape``."""
_new_str = str.__new__


def escape(value: Any) -> Markup:
    """``markupsafe.escape(value)``, without its Python-level ``Markup`` constructor for text and for markup."""
    if type(value) is str and _escape_text is not None:
        return _new_str(Markup, _escape_text(value))
    if type(value) is Markup:  # already safe: markupsafe would copy it unchanged
        return value
    return markupsafe.escape(value)


class Template(jinja2.Template):
    """A template whose ``{{ ... }}`` escape through :func:`escape`."""

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: types.CodeType, globals: MutableMapping[str, Any],
                  uptodate: Callable[[], bool] | None = None) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        # the compiled template's functions (root, blocks, macros) read ``escape`` from its module namespace, their __globals__
        template.root_render_func.__globals__["escape"] = escape
        return template

    def new_context(self, vars: dict[str, Any] | None = None, shared: bool = False, locals: Mapping[str, Any] | None = None) -> jinja2.runtime.Context:
        """jinja2's context for a page, its globals flattened by copying their two dicts rather than iterating their ChainMap."""
        layers = self.globals
        if shared or locals or type(layers) is not ChainMap or len(layers.maps) != 2:
            return super().new_context(vars, shared, locals)
        own, common = layers.maps
        parent = {**common, **own, **vars} if vars else {**common, **own}
        return self.environment.context_class(self.environment, parent, self.name, self.blocks, globals=layers)


def use(env: jinja2.Environment) -> None:
    """Make ``env`` render through these classes: set it before it loads any template."""
    env.context_class = Context
    env.template_class = Template
