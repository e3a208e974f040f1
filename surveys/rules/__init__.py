"""The rule language of survey relevance, constraints and calculations.

A safe subset of XLSForm/ODK expressions, parsed by hand (``syntax``: tokenizer, then a
Pratt parser to an AST) and evaluated over a response's answers (``evaluator``,
``functions``, ``values``, ``dates``, ``regex``): nothing is ever passed to ``eval``. The
PWA evaluates the same language in TypeScript (``pwa/src/rules/``); both implementations
must agree with every vector in ``tests/surveys/rule_vectors*.json``.

Grammar (lowest precedence first; all binary operators are left-associative)::

    expr     := or
    or       := and ("or" and)*
    and      := eq ("and" eq)*
    eq       := rel (("=" | "!=") rel)*
    rel      := add (("<" | "<=" | ">" | ">=") add)*
    add      := mul (("+" | "-") mul)*
    mul      := unary (("*" | "div" | "mod") unary)*
    unary    := "-" unary | primary
    primary  := NUMBER | STRING | "${" NAME "}" | "." | "(" expr ")" | CALL
    CALL     := FUNCTION "(" [expr ("," expr)*] ")" | "position" "(" ".." ")"

- NUMBER: ASCII digits with an optional fraction (``3``, ``2.5``, ``.5``).
- STRING: in single or double quotes, no escapes (``'yes'``, ``"it's"``).
- ``${NAME}``: an answer. NAME is a question name as XLSForm allows it: an ASCII letter
  or ``_``, then ASCII letters, digits, ``_``, ``-`` and ``.`` (``${hhMember_2.age-y}``),
  stored and matched exactly as written (case-sensitive). The braces make it
  unambiguous: ``${a-b}`` is one name, ``${a}-${b}`` a subtraction.
- ``.``: the answer being checked (in constraints).

Values: null (a missing or empty answer), numbers, strings, booleans, lists (the options
of a multiple-choice answer) and, inside the evaluator only, node-sets (see repeats).
Dates are ISO strings (``'2025-07-01'``), date-times ISO strings with a time
(``'2025-07-01T08:30:00.000+07:00'``); ``today()`` returns a date, so dates compare as
strings.

Repeats. An answer that is a list of dicts is a repeat group, one dict per instance
(nested repeats nest the same way). ``Scope.path`` names the instance being evaluated,
outermost first, with 0-based indexes: ``(("members", 1),)``. ``${x}`` is looked up from
the current instance outwards: a field of the same instance (or of an enclosing one),
else a top-level answer; when ``x`` is a field inside a repeat below that level, it is
the node-set of its values in every instance (an instance without the field gives null;
``${group}`` itself is the node-set of its instances). A node-set is only accepted by
``count``, ``sum``, ``max``, ``min``, ``join``, ``concat`` (and ``if``/``indexed-repeat``
hand it on); anywhere else a node-set of one node is that node's value, of no nodes
null, and of several a type error (as ODK Collect refuses it). A rule whose whole
result is such a node-set is judged the same way.

Type rules:

- Truth (``and``, ``or``, ``not``, ``boolean``, ``if`` and a rule's result): null,
  ``false``, ``0``, ``''`` and ``[]`` are false; everything else is true (also ``'0'``
  and ``'false'``). ``and``/``or`` short-circuit and return booleans.
- ``=`` and ``!=``: null equals only null and ``''``; a number and a string compare as
  numbers when the string is numeric, otherwise they differ; a list equals a string
  when it holds exactly that one option; booleans compare with booleans, and with the
  numbers 1 and 0.
- ``<``, ``<=``, ``>``, ``>=``: false when either side is null; two numbers (or a number
  and a numeric string, or two numeric strings) compare as numbers; other strings
  compare as strings, by code point (ISO dates order correctly); a date or date-time
  against a number (not a numeric string) compares as its days since 1970-01-01, so
  ``. >= today() - 365`` works as in ODK; anything else (a list, a number against other
  text) is a type error. ``=`` and ``!=`` read a date against a number the same way.
- ``+ - * div mod`` and unary ``-``: null when either side is null; operands must be
  numbers or numeric strings (booleans count as 1 and 0) or dates and date-times, which
  count as their days since 1970-01-01 (``today() - ${dob}`` is a number of days,
  ``date(${d} + 30)`` a date a month on; an impossible date is a type error), else a
  type error; ``div`` and
  ``mod`` by zero are errors; ``mod`` takes the sign of the dividend. Integral results
  are integers.
- Text of a value (``string``, ``concat``, ``join``, the string functions): null is
  ``''``, booleans ``'true'``/``'false'``, integral numbers without a fraction, other
  numbers in their shortest round-trip form, a list its options joined by a space.
- Numbers from text: a numeric string counts as its number; any other string, a list or
  a repeat instance where a number is needed is a type error (ODK would give NaN).

Functions (a wrong number of arguments, or an unknown name, is a syntax error):

- ``if(c, a, b)``: ``a`` when ``c`` is true, else ``b``; only that branch is evaluated.
- ``coalesce(a, b, ...)``: the first argument that is neither null nor ``''``, else null
  (ODK takes two; more are allowed).
- ``concat(a, ...)``: the texts of its arguments, node-sets flattened; null adds ``''``.
- ``join(sep, v, ...)``: the texts of the values (node-sets flattened, null nodes as
  ``''`` as in ODK, a null argument adds nothing) separated by ``sep``.
- ``substr(s, start[, end])``: code points ``start`` to ``end - 1`` (0-based, ``end``
  defaults to the length) of the text of ``s``; indexes are truncated to integers and
  clamped to the text, so a negative start is 0; ``''`` when empty or null.
- ``string-length(s)``: the number of code points (not UTF-16 units) of its text; 0 for
  null; a list counts its options joined by a space.
- ``contains(s, t)``, ``starts-with(s, t)``, ``ends-with(s, t)``: on the texts (null is
  ``''``, so everything contains and starts with ``''``).
- ``regex(s, pattern)``: whether the documented safe subset of regular expressions in
  ``surveys.rules.regex`` matches somewhere in the text of ``s`` (a search; anchor with
  ``^`` and ``$``); an unsupported pattern, one over 200 characters or 400 steps, or a
  text over 1000 characters is a type error. Matching takes linear time.
- ``selected(v, x)``: v a list: x is one of its options; v a string: v equals x; null:
  false. ``count-selected(v)``: list length, 1 for a non-empty string, 0 for null.
  ``selected-at(v, n)``: the option at 0-based index ``n`` of a list (a string is split on
  spaces), ``''`` when out of range or null; ``n`` must be a number.
- ``int(v)``: truncated toward zero (``int(-2.7)`` is ``-2``); null for null.
- ``round(v[, digits])``: rounded half away from zero at ``digits`` decimals (default 0,
  negative rounds to tens, hundreds...; at most 15), on the shortest decimal form of the
  number, so ``round(2.675, 2)`` is ``2.68`` and ``round(-2.5)`` is ``-3``; null for null.
- ``number(v)``: v as a number (booleans 1 and 0); null for null; non-numeric text is a
  type error.
- ``string(v)``: the text of v (null is ``''``).
- ``boolean(v)``: the truth of v.
- ``not(v)``, ``true()``, ``false()``.
- ``count(ns)``: the number of nodes (empty answers included); a single value counts 1,
  null 0 (a multiple-choice answer is one node, as in ODK: ``count-selected`` counts
  its options). ``sum(ns)``: the sum of the numeric values, empty answers skipped, 0 for none.
  ``max(ns, ...)``, ``min(ns, ...)``: over all values of all arguments, empty answers
  skipped; null when there are none. A non-numeric value is a type error.
- ``position(..)`` (or ``position()``): the 1-based index of the current instance of the
  innermost repeat; a type error outside a repeat.
- ``indexed-repeat(${x}, ${g1}, n1[, ${g2}, n2[, ${g3}, n3]])``: the value of ``x`` in
  instance ``n1`` (1-based) of repeat ``g1`` (a top-level answer), then in instance
  ``n2`` of ``g2`` inside it...; null when an index is out of range.
- ``once(v)``: the field's own current value (``Scope.current``) when it has one, else
  ``v``: a calculation keeps the value it was first given.
- ``today()``: the date (``Scope.today``, else the date of ``Scope.now``, else the
  machine's). ``now()``: the date-time with milliseconds and offset (``Scope.now``, else
  the machine's clock).
- ``date(v)``: v (a date, a date-time, or a number of days since 1970-01-01, floored) as a
  date; null for null; any other text, or an impossible date (``'2025-02-30'``), is a
  type error. ``decimal-date-time(v)``: a date or date-time as days since 1970-01-01
  (the time of day as a fraction), a number as itself; null for null. Date-times are
  read at their wall-clock time (the offset is not applied), so dates shift as
  ``date(${d} + 30)`` (or ``date(decimal-date-time(${d}) + 30)``) and differ as
  ``${b} - ${a}`` (days).
- ``format-date(v, pattern)`` (also ``format-date-time``): ``%Y`` year, ``%y`` two-digit
  year, ``%m``/``%n`` month with/without zero, ``%b`` month abbreviation (English),
  ``%d``/``%e`` day with/without zero, ``%a`` weekday abbreviation (English), ``%H``/``%h``
  hour with/without zero, ``%M`` minutes, ``%S`` seconds, ``%3`` milliseconds, ``%%``; any
  other character is copied; ``''`` for null.
- ``uuid()``: a random version-4 UUID (lower-case, 36 characters).

Choice filters (decision 0033). A choice question's ``choiceFilter`` is a rule parsed
with ``parse(text, columns=True)``: there a bare name not followed by ``(`` is a column
of the choice being filtered (``district = ${district}``), ``name`` being the choice's
value; it is evaluated once per choice with ``Scope.choice`` holding the choice's columns
(a column the choice lacks is null) and the choice is offered when the rule is true.
Outside a filter a bare name stays a syntax error; a column evaluated without a choice
is a type error.

Errors: ``RuleSyntaxError`` at parse time (with the position), ``RuleTypeError`` at
evaluation. A survey is refused when one of its rules does not parse or names a
question that does not come earlier; at run time a rule that fails to evaluate counts
as false.
"""

from __future__ import annotations

from surveys.rules.evaluator import Scope, check, evaluate, holds, resolve, validate
from surveys.rules.syntax import (
    MAX_DEPTH,
    MAX_RULE_LENGTH,
    Binary,
    Call,
    Column,
    Current,
    Literal,
    Node,
    Ref,
    RuleError,
    RuleSyntaxError,
    RuleTypeError,
    Token,
    Unary,
    parse,
    references,
    tokenize,
    uses_current,
)
from surveys.rules.values import NodeSet, text, truthy

__all__ = [
    "MAX_DEPTH",
    "MAX_RULE_LENGTH",
    "Binary",
    "Call",
    "Column",
    "Current",
    "Literal",
    "Node",
    "NodeSet",
    "Ref",
    "RuleError",
    "RuleSyntaxError",
    "RuleTypeError",
    "Scope",
    "Token",
    "Unary",
    "check",
    "evaluate",
    "holds",
    "parse",
    "references",
    "resolve",
    "text",
    "tokenize",
    "truthy",
    "uses_current",
    "validate",
]
