"""cio-lint: a static linter for Python code that talks to Customer.io."""

__version__ = "0.1.0"

DOCS_URL = "https://github.com/cio-lint/cio-lint/blob/main/docs/rules.md"
