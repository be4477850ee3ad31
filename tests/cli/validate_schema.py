"""Validates evaluation JSON files against schema/evaluation.schema.json.

Run with Debian's /usr/bin/python3 and python3-jsonschema:
    validate_schema.py SCHEMA FILE.json [FILE.json ...]
Exits non-zero, naming the file and the failing path, when one does not conform.
"""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.draft202012_format_checker)
    failed = 0
    for path in sys.argv[2:]:
        with open(path) as f:
            document = json.load(f)
        for error in validator.iter_errors(document):
            failed += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
    if failed:
        sys.exit(1)
    print(f"{len(sys.argv) - 2} evaluation file(s) conform to the schema")


if __name__ == "__main__":
    main()
