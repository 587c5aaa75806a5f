"""Plain records and data every layer shares; no parser, no I/O beyond reading config.

- ``findings``, ``facts``, ``results``: what the stages hand on, and what reports read.
- ``config``, ``regex_safety``: ``[tool.cio-lint]`` loaded and validated.
- ``sdk``: the Customer.io SDKs' signatures, as data.
- ``secrets``, ``fingerprints``: masking credentials; finding identities.
"""
