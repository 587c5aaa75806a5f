"""The pipeline that turns paths into a ``RunResult``, one module per stage.

In the order a run passes through them:

- ``session``: what front ends use; owns the settings, worker pool and cache.
- ``targets``, ``discovery``, ``gitignore``, ``config_resolver``: the files to lint.
- ``units``, ``selection``: each file with its configuration and enabled rules.
- ``reading``: bytes and text, with size, type and encoding checks.
- ``prefilter``: skip files that cannot produce a finding, without parsing them.
- ``triage``: read every file and sort it by the prefilter's verdict.
- ``replay``: a run whose inputs are all unchanged gives its recorded result.
- ``cache``, ``caching_analyzer``, ``workers``, ``helper``, ``helper_process``, ``stack``:
  answer from the cache, else analyse in processes (a large run's helper loads the
  analysis while it walks, and shares each batch with a twin it forks).
- ``file_run``, ``unparsable``, ``quoting``: analyse one file; CIO000; masked quotes.
- ``project_phase``: clients shared across modules; project rules over facts.
- ``suppressions``, ``unused_suppressions``: noqa comments, and CIO900.
- ``linking``: the stages after triage, in order: analyse, link, judge.
- ``pipeline``: one run: triage, then (only when some file is worth it) linking.
- ``fixing``, ``edits``, ``writing``: --fix and --add-noqa; atomic writes.
- ``baseline``: findings recorded earlier, left out of reports.
"""
