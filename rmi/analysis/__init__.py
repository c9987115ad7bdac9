"""What the company does with the answers: scorecards, risk flags, smelter roll-up, conformance, changes.

The computations a buyer acts on once templates are accepted. They are pure: they take the
declarations of accepted submissions (``rmi.analysis.declaration``, built from the reader's
``TemplateModel`` plus the store's submission facts), imported RMI facility lists and a date, and
return frozen records. Nothing here imports Slack, mail or storage; the adapters that load the
store (``handlers.analysis_source``) and write files (``surveybot.writers``) live outside.
"""
