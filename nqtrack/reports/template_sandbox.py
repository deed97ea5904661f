"""The Jinja environment of offices' templates: the sandbox, with limits on time, loops, values and output.

Jinja's sandbox keeps a placeholder away from Python internals, but not from exhausting the server:
``{{ 'A' * 20000000 }}`` builds twenty million characters, two loops over ``range(3000)`` one inside the
other run nine million times. :class:`LimitedEnvironment` refuses, with a Vietnamese message
(:class:`TemplateRefused`):

- a string, list or number the template makes above ``MAX_VALUE_LENGTH`` characters or items (about a
  thousand digits for a number): multiplication, addition, ``%`` and ``format`` widths, and the filters
  and methods that pad, replace, repeat or join are checked *before* they run;
- ``range()`` above ``MAX_RANGE`` items, and loops that run more than ``MAX_ITERATIONS`` times in all;
- more than ``MAX_OUTPUT_CHARS`` characters produced in all (every ``{{ … }}`` and every piece of text
  the template repeats, counted as it is made);
- ``{% include %}``, ``{% import %}``, ``{% extends %}``;
- rendering for longer than ``NQTRACK_TEMPLATE_SECONDS`` (10 s by default), checked at every loop
  step, output, call and attribute.

It is the immutable sandbox as well: a template reads the report and cannot grow a list or a dict.
"""

from __future__ import annotations

import re
import string
import time
import types
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import BaseLoader, nodes
from jinja2 import filters as jinja_filters
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_environment, pass_eval_context

MAX_VALUE_LENGTH = 1_000_000  # characters of a string, items of a list, made by the template
MAX_NUMBER_BITS = 3_322  # about 1 000 decimal digits
MAX_RANGE = 100_000
MAX_ITERATIONS = 1_000_000  # of all the template's loops together
MAX_OUTPUT_CHARS = 20_000_000  # the built-in template produces about 1 million for a whole programme
DEFAULT_SECONDS = 10.0


def _n(number: float) -> str:
    """A whole number the Vietnamese way: 1000000 → "1.000.000"."""
    return f"{number:,.0f}".replace(",", ".")


TOO_BIG = (
    f"Mẫu tạo ra một giá trị quá lớn (hơn {_n(MAX_VALUE_LENGTH)} ký tự hoặc phần tử), chẳng hạn khi "
    "nhân một chuỗi với một số lớn; không được phép."
)
TOO_LARGE_NUMBER = "Mẫu tạo ra một số quá lớn (hơn 1.000 chữ số); không được phép."
TOO_LONG_RANGE = f"Mẫu dùng range() với hơn {_n(MAX_RANGE)} phần tử; không được phép."
TOO_MANY_ITERATIONS = (
    f"Các vòng lặp của mẫu chạy quá {_n(MAX_ITERATIONS)} lần; kiểm tra các vòng lặp {{% for %}} lồng nhau."
)
TOO_MUCH_OUTPUT = (
    f"Mẫu tạo ra văn bản quá lớn (quá {_n(MAX_OUTPUT_CHARS)} ký tự); kiểm tra các vòng lặp "
    "{% for %} và các phép nhân chuỗi."
)
SUM_OF_NUMBERS = "Bộ lọc sum của mẫu chỉ cộng các số."
NO_OTHER_TEMPLATE = (
    "Mẫu không được dùng {% include %}, {% import %} hay {% extends %}: mỗi mẫu là một tệp Word trọn vẹn."
)


def too_slow(seconds: float) -> str:
    limit = f"{seconds:g}".replace(".", ",")
    return f"Điền mẫu mất quá {limit} giây, vượt giới hạn; kiểm tra các vòng lặp {{% for %}} lồng nhau."


class TemplateRefused(SecurityError):
    """The template asks for more than the limits allow, or for another template; the message says what,
    in Vietnamese."""


# -- checks of values, made before and after an operation -------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _size(expected: int) -> None:
    if expected > MAX_VALUE_LENGTH:
        raise TemplateRefused(TOO_BIG)


def _bits(expected: int) -> None:
    if expected > MAX_NUMBER_BITS:
        raise TemplateRefused(TOO_LARGE_NUMBER)


def _width(value: object) -> None:
    """A width, count or length given to a filter or a method."""
    if isinstance(value, int) and not isinstance(value, bool):
        _size(abs(value))


def checked(value: Any) -> Any:
    """``value`` when it is not too large; raises TemplateRefused otherwise."""
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        _size(len(value))
    elif _is_int(value):
        _bits(value.bit_length())
    return value


def _number_text(text: str) -> int:
    return MAX_VALUE_LENGTH + 1 if len(text) > 7 else int(text)


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _percent_check(fmt: str | bytes) -> None:
    """Refuse a ``%`` format whose width or precision is huge or given by an argument (``%*s``)."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    for match in _PERCENT.finditer(text):
        for group in match.groups():
            if group == "*" or (group and _number_text(group) > MAX_VALUE_LENGTH):
                raise TemplateRefused(TOO_BIG)


def _format_check(fmt: str) -> None:
    """Refuse a ``str.format`` whose fields ask for a huge width, or a width given by an argument."""
    for _literal, _field, spec, _conversion in string.Formatter().parse(fmt):
        widths = re.findall(r"\d+", spec or "")
        if spec and ("{" in spec or any(_number_text(d) > MAX_VALUE_LENGTH for d in widths)):
            raise TemplateRefused(TOO_BIG)


def _replaced_length(text: Any, old: Any, new: Any, count: Any) -> int:
    occurrences = text.count(old) if old else len(text) + 1
    if _is_int(count) and count >= 0:
        occurrences = min(occurrences, count)
    return int(len(text) + occurrences * max(len(new) - len(old), 0))


_SEQUENCES = (str, bytes, list, tuple)
_OWNERS = (str, bytes, int, list, tuple)  # whose built-in methods are checked before a call


def _binop_check(operator: str, left: Any, right: Any) -> None:
    sequences = _SEQUENCES
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, sequences) and _is_int(count):
                _size(len(sequence) * max(count, 0))
        if _is_int(left) and _is_int(right):
            _bits(left.bit_length() + right.bit_length())
    elif operator == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
            _bits(left.bit_length() * min(right, MAX_NUMBER_BITS + 1))
    elif operator == "+":
        if isinstance(left, sequences) and isinstance(right, sequences):
            _size(len(left) + len(right))
    elif operator == "%" and isinstance(left, str | bytes):
        _percent_check(left)


def _call_check(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a built-in method before it runs; the arguments to call it with."""
    wrapped = getattr(obj, "__wrapped__", None)  # the sandbox's wrapper of str.format and str.format_map
    if isinstance(getattr(wrapped, "__self__", None), str):
        _format_check(wrapped.__self__)  # type: ignore[union-attr]
        return args
    owner = getattr(obj, "__self__", None)
    if not isinstance(obj, types.BuiltinMethodType) or not isinstance(owner, _OWNERS):
        return args
    for value in (*args, *kwargs.values()):
        _width(value)  # center(10**9), zfill, ljust, to_bytes …
    if not isinstance(owner, str | bytes):
        return args
    same = type(owner)
    name = obj.__name__
    if name == "expandtabs":
        tabsize = args[0] if args else kwargs.get("tabsize", 8)
        tab = "\t" if isinstance(owner, str) else b"\t"
        _size(len(owner) + owner.count(tab) * max(int(tabsize), 0))  # type: ignore[arg-type]
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], same) and isinstance(args[1], same):
        count = args[2] if len(args) > 2 else kwargs.get("count", -1)
        _size(_replaced_length(owner, args[0], args[1], count))
    elif name == "join" and args:
        items = list(args[0])
        _size(sum(len(i) for i in items if isinstance(i, str | bytes)) + len(owner) * len(items))
        return (items, *args[1:])
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max((len(v) for v in args[0].values() if isinstance(v, str | bytes)), default=1)
        _size(len(owner) * longest)
    return args


# -- filters that could grow a value without limit, checked before they run --------------------------------


def _center(value: str, width: int = 80) -> str:
    _width(width)
    return jinja_filters.do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = str(s)
    step = len(width) if isinstance(width, str) else int(width)
    _size(len(text) + max(step, 0) * (text.count("\n") + 1))
    return jinja_filters.do_indent(s, width, first, blank)


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None) -> str:
    _size(_replaced_length(str(s), str(old), str(new), count))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _percent_check(str(value))
    return jinja_filters.do_format(value, *args, **kwargs)


@pass_eval_context
def _join(
    eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: str | int | None = None
) -> str:
    if attribute is not None:
        value = map(jinja_filters.make_attrgetter(eval_ctx.environment, attribute), value)
    items = list(value)
    _size(sum(len(str(i)) for i in items) + len(str(d)) * len(items))
    return jinja_filters.sync_do_join(eval_ctx, items, d)


@pass_environment
def _wordwrap(
    environment: Any,
    s: str,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> str:
    wrap = wrapstring or environment.newline_sequence
    _size(len(s) + len(wrap) * (len(s) // max(int(width), 1) + 1))
    return jinja_filters.do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    _width(linecount)
    return jinja_filters.do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Iterator[list[Any]]:
    _width(slices)
    return jinja_filters.sync_do_slice(value, slices, fill_with)


@pass_environment
def _sum(
    environment: Any, iterable: Iterable[Any], attribute: str | int | None = None, start: Any = 0
) -> Any:
    if not isinstance(start, int | float):
        raise TemplateRefused(SUM_OF_NUMBERS)  # adding lists or strings can grow without limit
    return jinja_filters.sync_do_sum(environment, iterable, attribute, start)


_FILTERS = {
    "center": _center,
    "indent": _indent,
    "replace": _replace,
    "format": _format,
    "join": _join,
    "wordwrap": _wordwrap,
    "batch": _batch,
    "slice": _slice,
    "sum": _sum,
}


# -- the environment --------------------------------------------------------------------------------------


class _NoLoader(BaseLoader):
    """A template may not read another one."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise TemplateRefused(NO_OTHER_TEMPLATE)


class _Counted:
    """The iterable of a ``{% for %}`` loop: each step counts against the limits."""

    __slots__ = ("_environment", "_iterable")

    def __init__(self, environment: LimitedEnvironment, iterable: Any) -> None:
        self._environment, self._iterable = environment, iterable

    def __iter__(self) -> Iterator[Any]:
        for item in self._iterable:
            self._environment.count_iteration()
            yield item

    def __len__(self) -> int:  # loop.length; an iterable without one raises TypeError, as it would anyway
        return len(self._iterable)


class _LimitedCodeGenerator(CodeGenerator):
    """Compiles templates so that every output, loop step, concatenation and filter result is counted."""

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.produced({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        self.write("environment.produced(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = isinstance(node.iter, nodes.Call) and isinstance(node.iter.node, nodes.EnvironmentAttribute)
        if not counted:
            node.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno
            )
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_Filter(self, node: nodes.Filter, frame: Frame) -> None:
        self.write("environment.checked(")
        super().visit_Filter(node, frame)
        self.write(")")


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the limits of this module; one environment per rendering (the time
    limit runs from its creation)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _LimitedCodeGenerator

    def __init__(self, *, seconds: float = DEFAULT_SECONDS, **options: Any) -> None:
        super().__init__(**(options | {"loader": _NoLoader()}))
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.iterations = 0
        self.output_chars = 0
        self.globals["range"] = self.limited_range
        self.globals.pop("lipsum", None)  # lipsum(n=10**6) writes without end
        self.filters.update(_FILTERS)

    # the counters

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateRefused(too_slow(self.seconds))

    def count_iteration(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise TemplateRefused(TOO_MANY_ITERATIONS)
        self.tick()

    def produced(self, text: str) -> str:
        self.output_chars += len(text)
        if self.output_chars > MAX_OUTPUT_CHARS:
            raise TemplateRefused(TOO_MUCH_OUTPUT)
        self.tick()
        return text

    def counted(self, iterable: Any) -> _Counted:
        return _Counted(self, iterable)

    def checked(self, value: Any) -> Any:
        return checked(value)

    def limited_range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateRefused(TOO_LONG_RANGE)
        return numbers

    # the sandbox's hooks

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        _binop_check(operator, left, right)
        return checked(super().call_binop(context, operator, left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        args = _call_check(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(__obj, Macro | LoopContext):
            return result  # rendered output: counted as it was produced
        return checked(result)
