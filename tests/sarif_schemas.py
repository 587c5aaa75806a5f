"""The schema SARIF output is validated against, in every checkout.

The published SARIF 2.1.0 schema (OASIS) is used where it is available beside the
project (``../shared/schemas``); it is not part of the repository. Elsewhere (a fresh
clone, an unpacked sdist) the tests validate against ``STRUCTURE`` instead: the
constraints of SARIF 2.1.0 that code scanning and other consumers depend on, for every
part of the format cio-lint writes, written from the specification. Never a skip.
"""

from __future__ import annotations

import json
from typing import Any

from .conftest import SHARED

PUBLISHED = SHARED / "schemas" / "sarif-schema-2.1.0.json"

_POSITIVE = {"type": "integer", "minimum": 1}
_TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_REGION = {
    "type": "object",
    "required": ["startLine"],
    "properties": {"startLine": _POSITIVE, "startColumn": _POSITIVE, "endLine": _POSITIVE,
                   "endColumn": _POSITIVE},
}
_ARTIFACT = {"type": "object", "required": ["uri"], "properties": {
    "uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"}}}
_PHYSICAL = {"type": "object", "required": ["artifactLocation", "region"],
             "properties": {"artifactLocation": _ARTIFACT, "region": _REGION}}
_LOCATION = {"type": "object", "required": ["physicalLocation"],
             "properties": {"physicalLocation": _PHYSICAL}}
#: A result's related location: a place like the result's own, numbered and explained.
_RELATED = {"type": "object", "required": ["id", "physicalLocation", "message"], "properties": {
    "id": {"type": "integer", "minimum": -1}, "physicalLocation": _PHYSICAL, "message": _TEXT}}
_REPLACEMENT = {"type": "object", "required": ["deletedRegion"], "properties": {
    "deletedRegion": _REGION,
    "insertedContent": {"type": "object", "properties": {"text": {"type": "string"}}}}}
_FIX = {"type": "object", "required": ["artifactChanges"], "properties": {
    "description": _TEXT,
    "artifactChanges": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["artifactLocation", "replacements"], "properties": {
            "artifactLocation": _ARTIFACT,
            "replacements": {"type": "array", "minItems": 1, "items": _REPLACEMENT}}}}}}
_RESULT = {"type": "object", "required": ["message"], "properties": {
    "ruleId": {"type": "string"},
    "ruleIndex": {"type": "integer", "minimum": -1},
    "level": {"enum": ["none", "note", "warning", "error"]},
    "message": _TEXT,
    "locations": {"type": "array", "items": _LOCATION},
    "relatedLocations": {"type": "array", "uniqueItems": True, "items": _RELATED},
    "partialFingerprints": {"type": "object",
                            "additionalProperties": {"type": "string"}},
    "fixes": {"type": "array", "items": _FIX}}}
_RULE = {"type": "object", "required": ["id"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": _TEXT,
    "fullDescription": _TEXT, "helpUri": {"type": "string", "format": "uri"},
    "properties": {"type": "object", "properties": {
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}}}}}
STRUCTURE: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"enum": ["2.1.0"]},
        "$schema": {"type": "string", "format": "uri"},
        "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool"], "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {
                    "driver": {"type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string"}, "version": {"type": "string"},
                        "informationUri": {"type": "string", "format": "uri"},
                        "rules": {"type": "array", "items": _RULE}}}}},
                "results": {"type": "array", "items": _RESULT},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]}}}},
    },
}


def sarif_schema() -> dict[str, Any]:
    """The published schema when it is beside the project, else ``STRUCTURE``."""
    if PUBLISHED.is_file():
        schema: dict[str, Any] = json.loads(PUBLISHED.read_text(encoding="utf-8"))
        return schema
    return STRUCTURE
