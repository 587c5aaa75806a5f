"""Plain records and data every layer shares; no parser, no I/O beyond reading config.

- ``findings``, ``facts``, ``results``: what the stages hand on, and what reports read.
- ``config``: ``[tool.cio-lint]`` loaded and validated; ``linear_regex``: user patterns
  matched in time linear in the text.
- ``sdk``: the Customer.io SDKs' signatures, as data.
- ``secrets``, ``fingerprints``: masking credentials; finding identities.
"""
