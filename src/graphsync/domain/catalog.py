"""The synchronization engine's catalogs: the functions expressions may call and the operators scoping
filters may use (D36).

Where Graph's own full answer was published (an older capture in its docs: 14 functions, 8
operators) its names, parameters and types are kept as they are; the other functions and operators
of Microsoft's expression and scoping-filter references follow those pages, with their informal
types read as Graph's attribute types (text as String, numbers as Integer, dates as DateTime).
"""

from __future__ import annotations

from typing import Any

from graphsync.domain.expressions import Function

# name -> parameters as (name, type, required, repeats), in order
_FUNCTIONS: dict[str, tuple[tuple[str, str, bool, bool], ...]] = {
    # Graph's published answer (names on the wire: Replace's Find/Replacement, Switch's switchValue, ...)
    "Append": (("source", "String", True, False), ("suffix", "String", True, False)),
    "DefaultDomain": (),
    "AppRoleAssignments": (("source", "String", True, False),),
    "FormatDateTime": (
        ("source", "String", True, False),
        ("inputFormat", "String", True, False),
        ("outputFormat", "String", True, False),
    ),
    "IsNothing": (("source", "Boolean", True, False),),
    "Join": (("separator", "String", True, False), ("source", "String", True, True)),
    "Prepend": (("prefix", "String", True, False), ("source", "String", True, False)),
    "Mid": (
        ("source", "String", True, False),
        ("start", "Integer", True, False),
        ("length", "Integer", True, False),
    ),
    "Not": (("source", "Boolean", True, False),),
    "Replace": (
        ("source", "String", True, False),
        ("Find", "String", False, False),
        ("RegularExpression", "String", False, False),
        ("RegularExpressionGroupName", "String", False, False),
        ("Replacement", "String", False, False),
        ("ReplacementPropertyName", "String", False, False),
        ("Template", "String", False, False),
    ),
    "SingleAppRoleAssignment": (("source", "String", True, False),),
    "Split": (("source", "String", True, False), ("delimiter", "String", False, False)),
    "StripSpaces": (("source", "String", True, False),),
    "Switch": (
        ("source", "String", True, False),
        ("defaultValue", "String", False, False),
        ("switchValue", "String", False, True),
    ),
    # Microsoft's reference for attribute mapping expressions
    "AppRoleAssignmentsComplex": (("source", "String", True, False),),
    "BitAnd": (("value1", "Integer", True, False), ("value2", "Integer", True, False)),
    "CBool": (("expression", "String", True, False),),
    "CDate": (("expression", "String", True, False),),
    "Coalesce": (("source", "String", True, True),),
    "ConvertToBase64": (("source", "String", True, False),),
    "ConvertToUTF8Hex": (("source", "String", True, False),),
    "Count": (("attribute", "String", True, False),),
    "CStr": (("value", "String", True, False),),
    "DateAdd": (
        ("interval", "String", True, False),
        ("value", "Integer", True, False),
        ("dateTime", "DateTime", True, False),
    ),
    "DateDiff": (
        ("interval", "String", True, False),
        ("date1", "DateTime", True, False),
        ("date2", "DateTime", True, False),
    ),
    "DateFromNum": (("value", "DateTime", True, False),),
    "Guid": (),
    "IgnoreFlowIfNullOrEmpty": (("expression", "String", True, False),),
    "IIF": (
        ("condition", "String", True, False),
        ("valueIfTrue", "String", True, False),
        ("valueIfFalse", "String", True, False),
    ),
    "InStr": (
        ("value1", "String", True, False),
        ("value2", "String", True, False),
        ("start", "Integer", False, False),
        ("compareType", "String", False, False),
    ),
    "IsNull": (("expression", "String", True, False),),
    "IsNullOrEmpty": (("expression", "String", True, False),),
    "IsPresent": (("expression", "String", True, False),),
    "IsString": (("expression", "String", True, False),),
    "Item": (("attribute", "String", True, False), ("index", "Integer", True, False)),
    "Left": (("String", "String", True, False), ("NumChars", "Integer", True, False)),
    "NormalizeDiacritics": (("source", "String", True, False),),
    "Now": (),
    "NumFromDate": (("value", "String", True, False),),
    "PCase": (("source", "String", True, False), ("wordSeparators", "String", False, False)),
    "RandomString": (
        ("Length", "Integer", True, False),
        ("MinimumNumbers", "Integer", True, False),
        ("MinimumSpecialCharacters", "Integer", True, False),
        ("MinimumCapital", "Integer", True, False),
        ("MinimumLowerCase", "Integer", True, False),
        ("CharactersToAvoid", "String", False, False),
    ),
    "Redact": (("source", "String", True, False),),
    "RemoveDuplicates": (("attribute", "String", True, False),),
    "SelectUniqueValue": (("uniqueValueRule", "String", True, True),),
    "ToLower": (("source", "String", True, False), ("culture", "String", False, False)),
    "ToUpper": (("source", "String", True, False), ("culture", "String", False, False)),
    "Word": (
        ("String", "String", True, False),
        ("WordNumber", "Integer", True, False),
        ("delimiters", "String", True, False),
    ),
}

FUNCTIONS = tuple(
    Function(name, tuple(p[0] for p in parameters), repeats=bool(parameters) and parameters[-1][3])
    for name, parameters in _FUNCTIONS.items()
)

# name -> (arity, supported attribute types); multi-valued attributes are compared with All
_OPERATORS: dict[str, tuple[str, tuple[str, ...]]] = {
    # Graph's published answer
    "EQUALS": ("Binary", ("Integer", "String")),
    "IS FALSE": ("Unary", ("Boolean",)),
    "IS NOT NULL": ("Unary", ("Integer", "String", "Binary", "Boolean")),
    "IS NULL": ("Unary", ("Integer", "String", "Binary", "Boolean")),
    "IS TRUE": ("Unary", ("Boolean",)),
    "NOT EQUALS": ("Binary", ("Integer", "String")),
    "NOT REGEX MATCH": ("Binary", ("Integer", "String")),
    "REGEX MATCH": ("Binary", ("Integer", "String")),
    # Microsoft's scoping filter page, spelled as it spells them
    "&": ("Binary", ("Integer", "String")),
    "!&": ("Binary", ("Integer", "String")),
    "ENDS_WITH": ("Binary", ("String",)),
    "Greater_Than": ("Binary", ("Integer",)),
    "Greater_Than_OR_EQUALS": ("Binary", ("Integer",)),
    "Includes": ("Binary", ("String",)),
}


def functions() -> list[dict[str, Any]]:
    """The functions as Graph answers them (with the metadata's `id` besides the answers' `name`)."""
    return [
        {
            "id": name,
            "name": name,
            "parameters": [
                {"allowMultipleOccurrences": repeats, "name": parameter, "required": required, "type": kind}
                for parameter, kind, required, repeats in parameters
            ],
        }
        for name, parameters in _FUNCTIONS.items()
    ]


def filter_operators() -> list[dict[str, Any]]:
    """The scoping filter operators as Graph answers them."""
    return [
        {
            "id": name,
            "name": name,
            "arity": arity,
            "multivaluedComparisonType": "All",
            "supportedAttributeTypes": list(types),
        }
        for name, (arity, types) in _OPERATORS.items()
    ]
